package dev.msframework.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every archetype's post-generate script does: checks, clean-up on failure, a module joining its project. */
class PostGenerateTest {

    static final String STOPPED = "archetype:generate stopped, nothing was generated.\n";

    @TempDir
    Path out;

    static Properties properties(String... keysAndValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return properties;
    }

    void generate(String archetype, String artifactId, Properties properties) throws IOException {
        PostGenerate.afterGenerate(properties, "com.acme", artifactId, "1.0.0-SNAPSHOT", "com.acme.tasks", archetype, out.toString(), null);
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** Every file and directory under {@code dir}, relative, sorted. */
    static List<String> tree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void anInvalidValueStopsWithItsMessageAndLeavesNothing() throws IOException {
        write(out.resolve("billing-data/pom.xml"), "<project/>\n");
        write(out.resolve("billing-data/src/main/java/com/acme/tasks/Task.java"), "class Task {}\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> generate("archetype-data-postgres", "billing-data",
                properties("entity", "invoice", "entityPlural", "Invoices", "javaVersion", "25")));

        assertEquals(IllegalArgumentException.class, e.getClass(), "not a DomainException: the script's own failure");
        assertEquals(STOPPED + "Invalid value 'invoice' for property 'entity': it must be a PascalCase singular Java class name: an upper-case "
                + "letter, then letters and digits. Example: -Dentity=Invoice", e.getMessage());
        assertEquals(List.of(), tree(out));
    }

    @Test
    void everyInvalidValueIsNamedAndInsideAProjectItsModuleLineGoesToo() throws IOException {
        String modules = "<project>\n  <modules>\n    <module>contracts</module>\n";
        write(out.resolve("pom.xml"), modules + "    <module>billing-data</module>\n  </modules>\n</project>\n");
        write(out.resolve("contracts/pom.xml"), "<project/>\n");
        write(out.resolve("billing-data/pom.xml"), "<project/>\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PostGenerate.afterGenerate(
                properties("entity", "Task", "entityPlural", "Task", "tableName", "Tasks", "services", "api-service, gateway"), "com.acme",
                "billing-data", "1.0.0-SNAPSHOT", "com.acme.Tasks.new", "archetype-data-postgres", out.toString(), null));

        assertEquals(STOPPED
                + "Invalid value 'com.acme.Tasks.new' for property 'package': it must be dot-separated lower-case Java identifiers (\"Tasks\" is not one). "
                + "Example: -Dpackage=com.acme.billing\n"
                + "Invalid value 'Task' for property 'entityPlural': it must be different from the entity name. Example: -DentityPlural=Tasks\n"
                + "Invalid value 'Tasks' for property 'tableName': it must be a snake_case SQL table name. Example: -DtableName=invoices\n"
                + "Invalid value 'api-service, gateway' for property 'services': it must be a comma-separated list of: api-service, bot-service, "
                + "worker-service, data-postgres-service, data-mongo-service (unknown: gateway). Example: -Dservices=api-service,data-postgres-service",
                e.getMessage());
        assertEquals(List.of("contracts", "contracts/pom.xml", "pom.xml"), tree(out));
        assertEquals(modules + "  </modules>\n</project>\n", Files.readString(out.resolve("pom.xml")));
    }

    /** The getters of the archetype plugin's ArchetypeGenerationRequest that the post-generate script's request has. */
    public record Session(Properties getUserProperties) {
    }

    public record Request(Properties getProperties, String getGroupId, String getArtifactId, String getVersion, String getPackage,
            String getArchetypeArtifactId, String getOutputDirectory, Session getMavenSession) {
    }

    @Test
    void theScriptHandsTheRequestOver() {
        Request request = new Request(properties(), "com.acme", "tasks-api", "1.0.0-SNAPSHOT", "com.acme.non-sealed", "archetype-api-service",
                out.toString(), new Session(properties("domain", "model.jdl")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PostGenerate.afterGenerate(request));
        assertTrue(e.getMessage().contains("Invalid value 'com.acme.non-sealed' for property 'package'")
                && e.getMessage().contains("Invalid value 'model.jdl' for property 'domain': it must be none, archetype-api-service"), e.getMessage());
        IllegalStateException notARequest = assertThrows(IllegalStateException.class, () -> PostGenerate.afterGenerate("a string"));
        assertTrue(notARequest.getMessage().startsWith("the archetype plugin's request has no getMavenSession()"), notARequest.getMessage());
    }

    @Test
    void aPackageThatIsAKeywordAndADomainForAOneEntityArchetype() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PostGenerate.afterGenerate(properties(), "com.acme",
                "tasks-api", "1.0.0-SNAPSHOT", "com.acme.non-sealed", "archetype-api-service", out.toString(), "model.jdl"));
        assertEquals(STOPPED
                + "Invalid value 'com.acme.non-sealed' for property 'package': it must be dot-separated lower-case Java identifiers (\"non-sealed\" is not one). "
                + "Example: -Dpackage=com.acme.billing\n"
                + "Invalid value 'model.jdl' for property 'domain': it must be none, archetype-api-service models one entity (-Dentity and -Dfields); "
                + "archetype-project and archetype-data-postgres read a JDL domain. Example: -Ddomain=none", e.getMessage());
        IllegalArgumentException keyword = assertThrows(IllegalArgumentException.class, () -> PostGenerate.afterGenerate(properties(), "com.acme",
                "tasks-api", "1.0.0-SNAPSHOT", "com.acme.record", "archetype-api-service", out.toString(), ""));
        assertEquals(STOPPED + "Invalid value 'com.acme.record' for property 'package': it must be dot-separated Java identifiers that are not "
                + "Java keywords (\"record\" is one). Example: -Dpackage=com.acme.billing", keyword.getMessage());
    }

    @Test
    void javaVersionIsOneOf17_21Or25AndAnOlderJdkIsWarnedAbout() throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> generate("archetype-data-mongo", "activity-data",
                properties("javaVersion", "11")));
        assertEquals(STOPPED + "Invalid value '11' for property 'javaVersion': it must be one of 17, 21 or 25. Example: -DjavaVersion=25",
                e.getMessage());

        assertEquals("[WARNING] activity-data compiles for Java 25, and this Maven runs on Java 21: build it with a JDK 25 in JAVA_HOME, "
                + "or generate it again with -DjavaVersion=21", PostGenerate.javaVersionWarning("activity-data", "25", 21));
        assertEquals("[WARNING] activity-data compiles for Java 21, and this Maven runs on Java 17: build it with a JDK 21 in JAVA_HOME, "
                + "or generate it again with -DjavaVersion=17", PostGenerate.javaVersionWarning("activity-data", "21", 17));
        assertNull(PostGenerate.javaVersionWarning("activity-data", "25", 25));
        assertNull(PostGenerate.javaVersionWarning("activity-data", "17", 21));
        assertNull(PostGenerate.javaVersionWarning("activity-data", null, 17), "archetype-entity has no javaVersion");
    }

    @Test
    void aGeneratorErrorNamesThePropertyItConcerns() throws IOException {
        write(out.resolve("tasks-api/pom.xml"), "<project/>\n");
        IllegalArgumentException fields = assertThrows(IllegalArgumentException.class, () -> generate("archetype-api-service", "tasks-api",
                properties("entity", "Task", "entityPlural", "Tasks", "fields", "title String,,done Boolean")));
        assertEquals(IllegalArgumentException.class, fields.getClass());
        assertTrue(fields.getMessage().startsWith(STOPPED + "Invalid value 'title String,,done Boolean' for property 'fields': An empty field "
                + "declaration"), fields.getMessage());
        assertTrue(fields.getMessage().endsWith("\n  The syntax is JDL's: declarations separated by ',', each 'name Type [validations]' "
                + "(docs/properties.md). Example: -Dfields=\"name String required maxlength(80), price BigDecimal min(0), "
                + "category Category{BOOKS|GAMES}\""), fields.getMessage());
        assertEquals(List.of(), tree(out));

        IllegalArgumentException domain = assertThrows(IllegalArgumentException.class, () -> generate("archetype-project", "acme-tasks",
                properties("entity", "Task", "entityPlural", "Tasks", "domain", "missing.jdl")));
        assertTrue(domain.getMessage().startsWith(STOPPED + "Invalid value 'missing.jdl' for property 'domain': The domain file 'missing.jdl' "
                + "does not exist") && domain.getMessage().endsWith("Example: -Ddomain=model.jdl"), domain.getMessage());

        IllegalArgumentException noProject = assertThrows(IllegalArgumentException.class, () -> generate("archetype-entity", "entity",
                properties("entity", "Review", "fields", "rating Integer")));
        assertTrue(noProject.getMessage().startsWith(STOPPED + "Invalid value '" + out + "' for property 'outputDirectory': This directory is "
                + "not a project generated by archetype-project") && noProject.getMessage().endsWith("\n  archetype-entity adds one entity to a "
                + "project generated by archetype-project. Example: -DoutputDirectory=the project's root directory"), noProject.getMessage());
    }

    /** A project generated by archetype-project: its POM, contracts and clients modules and its operations files. */
    void project() throws IOException {
        write(out.resolve("pom.xml"), """
                <?xml version="1.0" encoding="UTF-8"?><project>
                  <parent>
                    <groupId>dev.msframework</groupId>
                    <artifactId>framework-parent</artifactId>
                    <version>1.0.0-SNAPSHOT</version>
                    <relativePath/>
                  </parent>
                  <groupId>com.acme</groupId>
                  <artifactId>acme-tasks</artifactId>
                  <version>1.0.0-SNAPSHOT</version>
                  <packaging>pom</packaging>
                  <dependencyManagement>
                    <dependencies>
                      <dependency>
                        <groupId>com.acme</groupId>
                        <artifactId>acme-tasks-contracts</artifactId>
                        <version>1.0.0-SNAPSHOT</version>
                      </dependency>
                    </dependencies>
                  </dependencyManagement>
                  <modules>
                    <module>contracts</module>
                    <module>clients</module>
                    <module>billing-api</module>
                  </modules>
                </project>
                """);
        for (String module : List.of("contracts", "clients")) {
            write(out.resolve(module + "/pom.xml"), "<project>\n  <parent>\n    <artifactId>acme-tasks</artifactId>\n  </parent>\n  <artifactId>acme-tasks-"
                    + module + "</artifactId>\n</project>\n");
        }
        Files.createDirectories(out.resolve("contracts/src/main/java/com/acme/tasks/contract"));
        Files.createDirectories(out.resolve("clients/src/main/java/com/acme/tasks/client"));
        write(out.resolve("docker-compose.yml"), "services:\n  redis:\n    image: redis");
        write(out.resolve("deploy/prometheus/prometheus.yml"), "scrape_configs:\n");
        write(out.resolve("deploy/grafana/service-dashboard.json"), "{\"title\": \"__service__\", \"job\": \"__service__\"}\n");
        write(out.resolve("README.md"), "| module | port | role |\n|---|---|---|\n" + ProjectModules.END_OF_SERVICES + "\n");
    }

    /** A service module as its archetype generates it on its own. */
    void service(Path module, String description, boolean business) throws IOException {
        write(module.resolve("pom.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <project>
                  <modelVersion>4.0.0</modelVersion>

                  <!-- Framework updates (Quarkus, plugins, rules) arrive by bumping this version. -->
                  <parent>
                    <groupId>dev.msframework</groupId>
                    <artifactId>framework-parent</artifactId>
                    <version>1.0.0-SNAPSHOT</version>
                    <relativePath/>
                  </parent>

                  <groupId>com.acme</groupId>
                  <artifactId>%s</artifactId>
                  <version>1.0.0-SNAPSHOT</version>
                  <description>%s</description>

                  <properties>
                    <msframework.businessRules.skip>%s</msframework.businessRules.skip>
                  </properties>

                  <dependencies>
                    <dependency>
                      <groupId>dev.msframework</groupId>
                      <artifactId>msframework-contract</artifactId>
                    </dependency>
                  </dependencies>
                </project>
                """.formatted(module.getFileName(), description, !business));
        write(module.resolve("mvnw"), "#!/bin/sh\n");
        write(module.resolve("mvnw.cmd"), "@echo off\r\n");
        write(module.resolve(".mvn/wrapper/maven-wrapper.properties"), "distributionUrl=x\n");
        write(module.resolve("src/main/java/com/acme/tasks/contract/TaskResponse.java"), "record TaskResponse() {}\n");
        write(module.resolve("src/main/java/com/acme/tasks/client/TaskClient.java"), "interface TaskClient {}\n");
        write(module.resolve("src/main/java/com/acme/tasks/api/TaskResource.java"), "class TaskResource {}\n");
        write(module.resolve("src/main/docker/compose-service.yml"), "# the block of this service in the project's docker-compose.yml\n"
                + "  __service__:\n    # public REST API\n    build: ./__service__\n    environment:\n      QUARKUS_HTTP_PORT: \"8080\"\n");
    }

    @Test
    void aServiceGeneratedInsideAProjectJoinsIt() throws IOException {
        project();
        Path module = out.resolve("billing-api");
        service(module, "acme-tasks: public REST API", true);

        generate("archetype-api-service", "billing-api", properties("javaVersion", "25", "appName", "acme-tasks"));

        assertEquals("""
                <?xml version="1.0" encoding="UTF-8"?>
                <project>
                  <modelVersion>4.0.0</modelVersion>

                  <parent>
                    <groupId>com.acme</groupId>
                    <artifactId>acme-tasks</artifactId>
                    <version>1.0.0-SNAPSHOT</version>
                  </parent>

                  <groupId>com.acme</groupId>
                  <artifactId>billing-api</artifactId>
                  <version>1.0.0-SNAPSHOT</version>
                  <description>acme-tasks: public REST API</description>

                  <properties>
                    <msframework.businessRules.skip>false</msframework.businessRules.skip>
                  </properties>

                  <dependencies>
                    <!-- the gateways of the data services, defined once -->
                    <dependency>
                      <groupId>com.acme</groupId>
                      <artifactId>acme-tasks-clients</artifactId>
                    </dependency>
                    <!-- the HTTP contracts and event schemas of the system, defined once -->
                    <dependency>
                      <groupId>com.acme</groupId>
                      <artifactId>acme-tasks-contracts</artifactId>
                    </dependency>
                    <dependency>
                      <groupId>dev.msframework</groupId>
                      <artifactId>msframework-contract</artifactId>
                    </dependency>
                  </dependencies>
                </project>
                """, Files.readString(module.resolve("pom.xml")));
        assertEquals(List.of("pom.xml", "src", "src/main", "src/main/docker", "src/main/docker/compose-service.yml", "src/main/java",
                "src/main/java/com", "src/main/java/com/acme", "src/main/java/com/acme/tasks", "src/main/java/com/acme/tasks/api",
                "src/main/java/com/acme/tasks/api/TaskResource.java"), tree(module), "no wrapper, contracts or gateways of its own");

        assertEquals("services:\n  redis:\n    image: redis\n  billing-api:\n    # public REST API\n    build: ./billing-api\n    environment:\n"
                + "      QUARKUS_HTTP_PORT: \"8080\"\n", Files.readString(out.resolve("docker-compose.yml")));
        assertEquals("scrape_configs:\n  - job_name: billing-api\n    metrics_path: /q/metrics\n    static_configs:\n"
                + "      - targets: ['billing-api:8080']\n", Files.readString(out.resolve("deploy/prometheus/prometheus.yml")));
        assertEquals("{\"title\": \"billing-api\", \"job\": \"billing-api\"}\n", Files.readString(out.resolve("deploy/grafana/dashboards/billing-api.json")));
        assertEquals("| module | port | role |\n|---|---|---|\n| [`billing-api`](billing-api/README.md) | 8080 | acme-tasks: public REST API |\n"
                + ProjectModules.END_OF_SERVICES + "\n", Files.readString(out.resolve("README.md")));

        // registering again adds nothing twice
        String compose = Files.readString(out.resolve("docker-compose.yml"));
        ProjectModules.register(out.toFile(), module.toFile(), "acme-tasks: public REST API");
        assertEquals(compose, Files.readString(out.resolve("docker-compose.yml")));
        assertEquals(1, Files.readString(out.resolve("README.md")).split("billing-api/README.md", -1).length - 1);
    }

    @Test
    void aDataServiceKeepsItsGatewaysAndAModuleAloneKeepsItsWrapper() throws IOException {
        project();
        Path data = out.resolve("billing-data");
        service(data, "acme-tasks: data", false);
        generate("archetype-data-postgres", "billing-data", properties());
        assertTrue(Files.exists(data.resolve("src/main/java/com/acme/tasks/client/TaskClient.java")), "not a business service");
        assertFalse(Files.exists(data.resolve("src/main/java/com/acme/tasks/contract")));
        assertFalse(Files.readString(data.resolve("pom.xml")).contains("acme-tasks-clients"));

        Path alone = out.resolve("alone");
        Files.createDirectories(alone);
        Path module = alone.resolve("tasks-api");
        service(module, "tasks: public REST API", true);
        PostGenerate.afterGenerate(properties(), "com.acme", "tasks-api", "1.0.0-SNAPSHOT", "com.acme.tasks", "archetype-api-service",
                alone.toString(), null);
        assertTrue(Files.isExecutable(module.resolve("mvnw")));
        assertTrue(Files.readString(module.resolve("pom.xml")).contains("<artifactId>framework-parent</artifactId>"));
    }

    @Test
    void archetypeProjectKeepsTheSelectedServices() throws IOException {
        Path project = out.resolve("acme-tasks");
        List<String> all = List.of("contracts", "clients", "api-service", "bot-service", "worker-service", "data-postgres-service",
                "data-mongo-service", "e2e-tests");
        StringBuilder modules = new StringBuilder();
        for (String module : all) {
            modules.append("    <module>").append(module).append("</module>\n");
            write(project.resolve(module + "/README.md"), module + "\n");
        }
        write(project.resolve("pom.xml"), "<project>\n  <groupId>com.acme</groupId>\n  <artifactId>acme-tasks</artifactId>\n"
                + "  <version>1.0.0-SNAPSHOT</version>\n  <modules>\n" + modules + "  </modules>\n</project>\n");
        write(project.resolve("contracts/pom.xml"), "<project>\n  <artifactId>acme-tasks-contracts</artifactId>\n</project>\n");
        Files.createDirectories(project.resolve("contracts/src/main/java/com/acme/tasks/contract"));
        write(project.resolve("mvnw"), "#!/bin/sh\n");
        service(project.resolve("data-mongo-service"), "acme-tasks: activities", false);

        generate("archetype-project", "acme-tasks", properties("services", " data-mongo-service ,", "appName", "acme-tasks"));

        assertEquals("<project>\n  <groupId>com.acme</groupId>\n  <artifactId>acme-tasks</artifactId>\n  <version>1.0.0-SNAPSHOT</version>\n"
                + "  <modules>\n    <module>contracts</module>\n    <module>data-mongo-service</module>\n  </modules>\n</project>\n",
                Files.readString(project.resolve("pom.xml")));
        try (Stream<Path> dirs = Files.list(project)) {
            assertEquals(List.of("contracts", "data-mongo-service", "mvnw", "pom.xml"), dirs.map(p -> p.getFileName().toString()).sorted().toList());
        }
        String pom = Files.readString(project.resolve("data-mongo-service/pom.xml"));
        assertTrue(pom.contains("<parent>\n    <groupId>com.acme</groupId>\n    <artifactId>acme-tasks</artifactId>\n"), pom);
        assertFalse(Files.exists(project.resolve("data-mongo-service/mvnw")));
        assertTrue(Files.isExecutable(project.resolve("mvnw")));
    }
}

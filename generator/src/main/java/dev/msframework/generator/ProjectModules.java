package dev.msframework.generator;

import static dev.msframework.generator.TextFiles.orElse;
import static dev.msframework.generator.TextFiles.read;
import static dev.msframework.generator.TextFiles.write;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A module inside a multi-module project (a whole system from archetype-project, or a service archetype run inside
 * a generated project later) becomes a child of the project: the project's POM as parent, the project's contracts
 * module instead of its own copy of the contracts, and the project's Maven Wrapper. It joins the project's operations
 * files too. And archetype-project keeps the service modules its {@code services} property selects.
 */
final class ProjectModules {

    /** The line of the project's README.md before which each module gets its row. */
    static final String END_OF_SERVICES = "<!-- end of services -->";
    private static final Pattern HTTP_PORT = Pattern.compile("(?m)^quarkus\\.http\\.port=(\\d+)");
    private static final Pattern COMPOSE_PORT = Pattern.compile("QUARKUS_HTTP_PORT:\\s*\"?(\\d+)");

    private ProjectModules() {
    }

    /**
     * archetype-project: removes the service modules that {@code services} does not select (and their {@code <module>}
     * lines), the end-to-end tests unless both the API and its data service are there, and the clients module unless
     * a business service is.
     */
    static Set<String> selectServices(File projectDir, String services) throws IOException {
        Set<String> selected = Set.copyOf(PropertyRules.serviceNames(services));
        File rootPom = new File(projectDir, "pom.xml");
        String pom = read(rootPom);
        for (String service : PropertyRules.SERVICES) {
            if (!selected.contains(service)) {
                TextFiles.deleteDir(new File(projectDir, service));
                pom = withoutModule(pom, service);
            }
        }
        // the end-to-end test of the compose stack drives the API and its data service
        if (!(selected.contains("api-service") && selected.contains("data-postgres-service"))) {
            TextFiles.deleteDir(new File(projectDir, "e2e-tests"));
            pom = withoutModule(pom, "e2e-tests");
        }
        // the gateways serve the business services only
        if (PropertyRules.BUSINESS_SERVICES.stream().noneMatch(selected::contains)) {
            TextFiles.deleteDir(new File(projectDir, "clients"));
            pom = withoutModule(pom, "clients");
        }
        write(rootPom, pom);
        return selected;
    }

    /** {@code pom} without the lines {@code <module>name</module>}; {@code name} is a regular expression. */
    static String withoutModule(String pom, String name) {
        return pom.replaceAll("(?m)^[ \\t]*<module>" + name + "</module>[ \\t]*\\r?\\n", "");
    }

    /** Makes {@code module} a child of the project in {@code projectDir} whose code is in {@code packageName}. */
    static void adopt(File projectDir, File module, String packageName) throws IOException {
        String projectPom = read(new File(projectDir, "pom.xml"));
        String own = withoutParent(projectPom.replaceFirst("(?s)<dependencyManagement>.*</dependencyManagement>", "")
                .replaceFirst("(?s)<build>.*</build>", "").replaceFirst("(?s)<modules>.*</modules>", ""));
        String groupId = orElse(tagOf(own, "groupId"), tagOf(projectPom, "groupId"));
        String artifactId = tagOf(own, "artifactId");
        String version = orElse(tagOf(own, "version"), tagOf(projectPom, "version"));
        File pomFile = new File(module, "pom.xml");
        // the pattern's " *" is what the script's '\s*' was: Groovy reads \s in a quoted string as a space
        String pom = read(pomFile).replaceFirst("(?si)[ \t]*<!--[^>]*?framework updates[^>]*?--> *\n", "");
        pom = pom.replaceFirst("(?s)<parent>.*?</parent>", "<parent>\n    <groupId>" + groupId + "</groupId>\n    <artifactId>" + artifactId
                + "</artifactId>\n    <version>" + version + "</version>\n  </parent>");
        String packagePath = packageName.replace('.', '/');
        File projectContracts = new File(projectDir, "contracts/src/main/java/" + packagePath + "/contract");
        File ownContracts = new File(module, "src/main/java/" + packagePath + "/contract");
        if (projectContracts.isDirectory()) {
            TextFiles.deleteDir(ownContracts);
            String contractsId = tagOf(withoutParent(read(new File(projectDir, "contracts/pom.xml"))), "artifactId");
            pom = pom.replaceFirst("<dependencies>", "<dependencies>\n    <!-- the HTTP contracts and event schemas of the system, defined once -->\n"
                    + "    <dependency>\n      <groupId>" + groupId + "</groupId>\n      <artifactId>" + contractsId + "</artifactId>\n    </dependency>");
        }
        // the gateways of the data services live once, in the project's clients module, where it has one
        File projectClients = new File(projectDir, "clients/src/main/java/" + packagePath + "/client");
        File ownClients = new File(module, "src/main/java/" + packagePath + "/client");
        boolean businessService = pom.contains("<msframework.businessRules.skip>false</msframework.businessRules.skip>");
        if (projectClients.isDirectory() && businessService) {
            TextFiles.deleteDir(ownClients);
            String clientsId = tagOf(withoutParent(read(new File(projectDir, "clients/pom.xml"))), "artifactId");
            pom = pom.replaceFirst("<dependencies>", "<dependencies>\n    <!-- the gateways of the data services, defined once -->\n"
                    + "    <dependency>\n      <groupId>" + groupId + "</groupId>\n      <artifactId>" + clientsId + "</artifactId>\n    </dependency>");
        }
        write(pomFile, pom);
        for (String name : List.of("mvnw", "mvnw.cmd", ".mvn")) {
            File f = new File(module, name);
            if (f.isDirectory()) {
                TextFiles.deleteDir(f);
            } else {
                f.delete();
            }
        }
        register(projectDir, module, tagOf(withoutParent(pom), "description"));
    }

    /**
     * The module joins the project's operations files, where the project has them: its block in docker-compose.yml
     * (from the module's src/main/docker/compose-service.yml), its Prometheus scrape job, its Grafana dashboard
     * (from deploy/grafana/service-dashboard.json) and its row in the README's table of services.
     */
    static void register(File projectDir, File module, String description) throws IOException {
        String name = module.getName();
        File fragment = new File(module, "src/main/docker/compose-service.yml");
        if (fragment.exists()) {
            String block = String.join("\n", read(fragment).lines().filter(line -> !line.startsWith("#")).toList())
                    .replace("__service__", name).trim();
            appendOnce(new File(projectDir, "docker-compose.yml"), "\n  " + name + ":\n", "  " + block + "\n");
        }
        File properties = new File(module, "src/main/resources/application.properties");
        String port = properties.exists() ? firstGroup(HTTP_PORT, read(properties)) : null;
        if (!TextFiles.present(port) && fragment.exists()) {
            port = firstGroup(COMPOSE_PORT, read(fragment));
        }
        if (TextFiles.present(port)) {
            appendOnce(new File(projectDir, "deploy/prometheus/prometheus.yml"), "job_name: " + name + "\n",
                    "  - job_name: " + name + "\n    metrics_path: /q/metrics\n    static_configs:\n      - targets: ['" + name + ":" + port + "']\n");
        }
        File dashboard = new File(projectDir, "deploy/grafana/service-dashboard.json");
        if (dashboard.exists()) {
            File target = new File(projectDir, "deploy/grafana/dashboards/" + name + ".json");
            target.getParentFile().mkdirs();
            write(target, read(dashboard).replace("__service__", name));
        }
        File readme = new File(projectDir, "README.md");
        if (readme.exists() && read(readme).contains(END_OF_SERVICES) && !read(readme).contains("| [`" + name + "`](" + name + "/README.md) |")) {
            write(readme, read(readme).replace(END_OF_SERVICES,
                    "| [`" + name + "`](" + name + "/README.md) | " + orElse(port, "") + " | " + orElse(description, "") + " |\n" + END_OF_SERVICES));
        }
    }

    /** Adds {@code addition} at the end of {@code file}, on a line of its own, unless the file has {@code marker}. */
    private static void appendOnce(File file, String marker, String addition) throws IOException {
        if (file.exists() && !read(file).contains(marker)) {
            String current = read(file);
            write(file, current + (current.endsWith("\n") ? "" : "\n") + addition);
        }
    }

    /** The trimmed text of the first element {@code <tag>text</tag>} of {@code xml}, or null. */
    static String tagOf(String xml, String tag) {
        Matcher m = Pattern.compile("<" + tag + ">([^<]+)</" + tag + ">").matcher(xml);
        return m.find() ? m.group(1).trim() : null;
    }

    static String withoutParent(String xml) {
        return xml.replaceFirst("(?s)<parent>.*?</parent>", "");
    }

    private static String firstGroup(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : null;
    }
}

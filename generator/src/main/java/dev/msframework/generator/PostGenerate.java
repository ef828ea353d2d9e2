package dev.msframework.generator;

import static dev.msframework.generator.TextFiles.present;
import static dev.msframework.generator.TextFiles.read;
import static dev.msframework.generator.TextFiles.write;

import java.io.File;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every archetype does after {@code archetype:generate} has written its files: its
 * {@code META-INF/archetype-post-generate.groovy} (templates/meta) only calls {@link #afterGenerate(Object)}, since
 * Groovy compiles that script at every generation.
 *
 * <ol>
 * <li>Checks every property again ({@link PropertyRules}): batch mode (-B, used by IDEs, scripts and AI agents) does not
 * apply the validationRegex of archetype-metadata.xml. On an invalid value the command fails with a message naming the
 * property, the value, the rule and a valid example, and everything the generation wrote is removed again.</li>
 * <li>Runs the {@link Generator} for the entities of the domain (JDL domain file, or {@code entity} and {@code fields}).</li>
 * <li>archetype-project: keeps the selected services; a module generated inside a project joins it ({@link ProjectModules});
 * archetype-entity: adds the entity to each module of the project.</li>
 * </ol>
 */
public final class PostGenerate {

    private static final String ARCHETYPE_ENTITY = "archetype-entity";

    private final Properties props;
    private final String groupId;
    private final String artifactId;
    private final String version;
    private final String packageName;
    private final String archetypeArtifactId;
    private final String outputDirectory;
    /** {@code -Ddomain} of the command line: a JDL file for the archetypes that read one. */
    private final String systemDomain;
    private final File outputDir;
    private final File moduleDir;
    private final boolean addingEntity;

    private PostGenerate(Properties props, String groupId, String artifactId, String version, String packageName,
            String archetypeArtifactId, String outputDirectory, String systemDomain) {
        this.props = props;
        this.groupId = groupId;
        this.artifactId = artifactId;
        this.version = version;
        this.packageName = packageName;
        this.archetypeArtifactId = archetypeArtifactId;
        this.outputDirectory = outputDirectory;
        this.systemDomain = systemDomain;
        this.outputDir = new File(outputDirectory);
        this.moduleDir = new File(outputDir, artifactId);
        this.addingEntity = ARCHETYPE_ENTITY.equals(archetypeArtifactId);
    }

    /**
     * Called by the post-generate script with the archetype plugin's request ({@code ArchetypeGenerationRequest}), read
     * through its getters by reflection: no archetype plugin type reaches the generator, and the script is one call,
     * which Groovy compiles fastest (decision 0048).
     *
     * @throws IllegalArgumentException an invalid property value: nothing was generated
     * @throws IllegalStateException    the generator failed, or {@code request} has not the getters of the request
     * @throws IOException              a file of the generated project cannot be read or written
     */
    public static void afterGenerate(Object request) throws IOException {
        Object session = get(request, "getMavenSession");
        Properties userProperties = session == null ? null : (Properties) get(session, "getUserProperties");
        String domain = userProperties == null ? null : userProperties.getProperty("domain");
        afterGenerate((Properties) get(request, "getProperties"), (String) get(request, "getGroupId"), (String) get(request, "getArtifactId"),
                (String) get(request, "getVersion"), (String) get(request, "getPackage"), (String) get(request, "getArchetypeArtifactId"),
                (String) get(request, "getOutputDirectory"), domain != null ? domain : System.getProperty("domain"));
    }

    private static Object get(Object target, String getter) {
        try {
            return target.getClass().getMethod(getter).invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the archetype plugin's request has no " + getter + "(): " + e, e);
        }
    }

    /**
     * The values of the archetype plugin's request, as {@link #afterGenerate(Object)} reads them (and the tests pass them).
     *
     * @param properties          the request's properties (the archetype's required properties and their values)
     * @param outputDirectory     where the archetype plugin generated (the module is its {@code artifactId} directory)
     * @param domain              {@code domain} of the command line (Maven user property, else system property), or null
     * @throws IllegalArgumentException an invalid property value: nothing was generated
     * @throws IllegalStateException    the generator failed: nothing was generated
     * @throws IOException              a file of the generated project cannot be read or written
     */
    public static void afterGenerate(Properties properties, String groupId, String artifactId, String version, String packageName,
            String archetypeArtifactId, String outputDirectory, String domain) throws IOException {
        new PostGenerate(properties, groupId, artifactId, version, packageName, archetypeArtifactId, outputDirectory, domain).run();
    }

    private void run() throws IOException {
        List<String> problems = PropertyRules.problems(props, groupId, artifactId, version, packageName);

        // A JDL domain file (several entities) is read by archetype-project and archetype-data-postgres; the other service
        // archetypes model one entity (-Dentity and -Dfields) on their own, and the project's domain (domain.jdl) inside a project.
        if (present(systemDomain) && props.getProperty("domain") == null) {
            problems.add("Invalid value '" + systemDomain + "' for property 'domain': it must be none, " + archetypeArtifactId
                    + " models one entity (-Dentity and -Dfields); archetype-project and archetype-data-postgres read a JDL domain. "
                    + "Example: -Ddomain=none");
        }
        File projectDomain = new File(outputDir, Generator.DOMAIN_FILE);
        if (addingEntity && new File(outputDir, "pom.xml").isFile()) {
            // the archetype plugin merged its (empty) POM into the project's and wrote it back without <relativePath/>:
            // put it back, whether the entity is added or refused
            File rootPom = new File(outputDir, "pom.xml");
            String merged = read(rootPom);
            Matcher parent = Pattern.compile("(?s)<parent>.*?</parent>").matcher(merged);
            if (parent.find() && !parent.group().contains("relativePath")) {
                write(rootPom, merged.replaceFirst("(?s)(<parent>.*?)(\\s*</parent>)", "$1\n    <relativePath/>$2"));
            }
        }

        // The domain: the fields description (JDL field syntax) parsed once, by the generator, whose classes this archetype
        // jar carries (built from generator/ of the collection) and which sees the archetype plugin's Velocity engine.
        Generator generator = null;
        if (props.getProperty("entity") != null && problems.isEmpty()) {
            generator = generator(projectDomain, problems);
        }

        if (!problems.isEmpty()) {
            removeGenerated();
            throw new IllegalArgumentException("archetype:generate stopped, nothing was generated.\n" + String.join("\n", problems));
        }

        // The build needs a JDK of at least javaVersion (the enforcer rule of framework-parent says so): say it now, not later.
        String warning = javaVersionWarning(artifactId, props.getProperty("javaVersion"), Runtime.version().feature());
        if (warning != null) {
            System.out.println(warning);
        }

        String services = props.getProperty("services");
        if (addingEntity) {
            // archetype-entity (partial): the new entity's files in each module of the project, its rows, domain.jdl
            renderEntities(generator, gen -> {
                for (File dir : directories(outputDir)) {
                    for (String piece : Generator.piecesOfModule(dir)) {
                        gen.render(piece, dir);
                    }
                }
                gen.renderRows(outputDir);
            });
            System.out.println("[archetype-entity] added " + props.getProperty("entity") + " to " + outputDir + ": build it with ./mvnw verify");
        } else if (services != null) {
            // archetype-project: keep the selected service modules only, then adopt them
            Set<String> selected = ProjectModules.selectServices(moduleDir, services);
            renderEntities(generator, gen -> {
                for (File dir : directories(moduleDir)) {
                    for (String piece : Generator.piecesOfModule(dir.getName())) {
                        gen.render(piece, dir);
                    }
                }
                gen.renderRows(moduleDir);
                gen.renderDomainFile(moduleDir);
            });
            for (String service : PropertyRules.SERVICES) {
                if (selected.contains(service) && new File(moduleDir, service).isDirectory()) {
                    ProjectModules.adopt(moduleDir, new File(moduleDir, service), packageName);
                }
            }
            new File(moduleDir, "mvnw").setExecutable(true, false);
        } else {
            renderEntities(generator, gen -> {
                for (String piece : Generator.piecesOfArchetype(archetypeArtifactId)) {
                    gen.render(piece, moduleDir);
                }
            });
            if (new File(outputDir, "pom.xml").exists()) {
                ProjectModules.adopt(outputDir, moduleDir, packageName);
            } else {
                new File(moduleDir, "mvnw").setExecutable(true, false);
            }
        }
    }

    /**
     * The generator of the domain, or null when a generator error was added to {@code problems}: the message names
     * the property it concerns (entity, outputDirectory or fields for archetype-entity; domain; fields).
     */
    private Generator generator(File projectDomain, List<String> problems) {
        @SuppressWarnings({"unchecked", "rawtypes"})
        Map<String, Object> properties = new HashMap(props);
        properties.put("groupId", groupId);
        properties.put("artifactId", artifactId);
        properties.put("version", version);
        properties.put("package", packageName);
        properties.put("outputDirectory", outputDirectory);
        if (addingEntity) {
            // archetype-entity: the project's domain (domain.jdl, which also records its package and appName) plus the entity
            properties.put(Generator.ADD_TO_PROJECT, outputDir.getPath());
        } else if (projectDomain.isFile() && !present(systemDomain)) {
            // a service added to a generated project models the project's domain (its domain.jdl), not entity and fields
            properties.put("domain", projectDomain.getPath());
        }
        try {
            return Generator.fromArchetype(properties);
        } catch (DomainException e) {
            if (e.getClass() != DomainException.class) {
                throw e;
            }
            String domain = props.getProperty("domain");
            if (addingEntity) {
                String key = e.getMessage().contains("exists already") ? "entity" : e.getMessage().contains("not a project") ? "outputDirectory" : "fields";
                String example = key.equals("entity") ? "Order" : key.equals("outputDirectory") ? "the project's root directory"
                        : "\"name String required maxlength(80), placedOn LocalDate\"";
                problems.add("Invalid value '" + (key.equals("outputDirectory") ? outputDir.getPath() : props.getProperty(key)) + "' for property '"
                        + key + "': " + e.getMessage() + "\n"
                        + "  archetype-entity adds one entity to a project generated by archetype-project. Example: -D" + key + "=" + example);
            } else if (present(domain) && !domain.equals(Generator.NO_DOMAIN)) {
                problems.add("Invalid value '" + domain + "' for property 'domain': " + e.getMessage() + "\n"
                        + "  The file is JDL: entity, enum and relationship ManyToOne/OneToMany blocks (docs/properties.md). Example: -Ddomain=model.jdl");
            } else {
                problems.add("Invalid value '" + props.getProperty("fields") + "' for property 'fields': " + e.getMessage() + "\n"
                        + "  The syntax is JDL's: declarations separated by ',', each 'name Type [validations]' (docs/properties.md). "
                        + "Example: -Dfields=\"name String required maxlength(80), price BigDecimal min(0), category Category{BOOKS|GAMES}\"");
            }
            return null;
        }
    }

    /** The warning when this JDK is older than the project's {@code javaVersion} (a valid one), else null. */
    static String javaVersionWarning(String artifactId, String javaVersion, int feature) {
        if (!present(javaVersion) || feature >= Integer.parseInt(javaVersion)) {
            return null;
        }
        return "[WARNING] " + artifactId + " compiles for Java " + javaVersion + ", and this Maven runs on Java " + feature + ": "
                + "build it with a JDK " + javaVersion + " in JAVA_HOME, or generate it again with -DjavaVersion=" + (feature >= 21 ? 21 : 17);
    }

    /**
     * The per-entity files (contracts, entity, migration, resources, gateways, handlers and their tests): rendered by the
     * generator for each entity of the domain. A failure leaves nothing behind.
     */
    private void renderEntities(Generator generator, Consumer<Generator> pieces) throws IOException {
        if (generator == null) {
            return;
        }
        try {
            pieces.accept(generator);
            generator.write();
        } catch (Exception e) {
            removeGenerated();
            throw new IllegalStateException("archetype:generate stopped, nothing was generated: " + e.getMessage(), e);
        }
    }

    /** Leaves nothing behind: the generated module and, inside a multi-module project, its {@code <module>} entry. */
    private void removeGenerated() throws IOException {
        if (moduleDir.exists()) {
            TextFiles.deleteDir(moduleDir);
        }
        File parentPom = new File(outputDir, "pom.xml");
        if (parentPom.exists()) {
            String text = read(parentPom);
            String cleaned = ProjectModules.withoutModule(text, Pattern.quote(artifactId));
            if (!cleaned.equals(text)) {
                write(parentPom, cleaned);
            }
        }
    }

    private static List<File> directories(File dir) {
        return Arrays.stream(dir.listFiles()).filter(File::isDirectory).toList();
    }
}

package dev.msframework.generator;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;

/**
 * Renders the per-entity templates ({@code META-INF/msframework/entity/<piece>/} in every archetype jar, from
 * {@code templates/entity/} of the collection) for each entity of the domain into the modules of a generated project.
 * The archetype's post-generate script calls it after the archetype plugin has written the rest.
 *
 * <p>Template paths use the archetype plugin's tokens: {@code __entity__}, {@code __entityPlural__},
 * {@code __enum__} (a template rendered once per enum type) and {@code __dateField__} (the entity's first date or
 * instant field, capitalized: a template rendered only when the entity has one); {@code src/main/java/} and {@code src/test/java/} get the
 * package directories inserted, as a packaged file set does.
 */
public final class Generator {

    public static final String TEMPLATES = "META-INF/msframework/entity/";
    static final String MACROS = "macros.vm";
    static final String ROWS = "rows/";
    static final String MIGRATIONS = "src/main/resources/db/migration/";
    private static final java.util.regex.Pattern MIGRATION = java.util.regex.Pattern.compile("^V(\\d+)__.*\\.sql$");
    private static final java.util.regex.Pattern HTTP_PORT = java.util.regex.Pattern.compile("(?m)^quarkus\\.http\\.port=(\\d+)\\s*$");
    public static final String DOMAIN_FILE = "domain.jdl";
    /** The property of archetype-entity: the directory of the project it adds an entity to. */
    public static final String ADD_TO_PROJECT = "addToProject";
    /** The settings of the project that domain.jdl records for archetype-entity, in a comment: {@code // package=... appName=...}. */
    static final java.util.regex.Pattern SETTINGS = java.util.regex.Pattern.compile("(?m)^// package=(\\S+) appName=(\\S+)$");
    /** The line of the project's README.md and AGENTS.md before which each entity gets its row. */
    public static final String END_OF_ENTITIES = "<!-- end of entities -->";
    /** The value of {@code domain} that means: no JDL file, the entity is {@code entity} with {@code fields}. */
    public static final String NO_DOMAIN = "none";

    /** The pieces each archetype renders into the module it generates on its own. */
    static final Map<String, List<String>> ARCHETYPE_PIECES = Map.of(
            "archetype-data-postgres", List.of("contracts", "data-postgres"),
            "archetype-api-service", List.of("contracts", "activity-contracts", "client", "activity-client", "api-service"),
            "archetype-worker-service", List.of("contracts", "activity-contracts", "client", "activity-client", "worker-service"),
            "archetype-bot-service", List.of("contracts", "client", "bot-service"),
            "archetype-data-mongo", List.of("activity-contracts", "data-mongo"));

    /** The pieces each module of a whole project (archetype-project) receives, by module directory. */
    static final Map<String, List<String>> MODULE_PIECES = Map.of(
            "contracts", List.of("contracts", "activity-contracts"),
            "clients", List.of("client", "activity-client"),
            "data-postgres-service", List.of("data-postgres"),
            "data-mongo-service", List.of("data-mongo"),
            "api-service", List.of("api-service"),
            "worker-service", List.of("worker-service"),
            "bot-service", List.of("bot-service"),
            "e2e-tests", List.of("e2e-tests"));

    /** The fixed HTTP port of each kind of service (its archetype's application.properties). */
    static final Map<String, String> SERVICE_PORTS = Map.of("8080", "api-service", "8081", "data-postgres-service",
            "8082", "data-mongo-service", "8083", "bot-service", "8084", "worker-service");

    /**
     * The modules that serve the primary entity only (the first of the domain): the bot's chat commands and the
     * end-to-end test. Every other module gets every entity.
     */
    static final java.util.Set<String> PRIMARY_ONLY = java.util.Set.of("bot-service", "e2e-tests");

    private final Map<String, String> templates;
    private final Map<String, Object> properties;
    private final Domain domain;
    /** archetype-entity: the entity it adds to the project (the others exist already); null otherwise. */
    private List<Entity> added;
    /** Whether the domain comes from a JDL file ({@code domain}) rather than {@code entity} and {@code fields}. */
    private boolean fromJdl;
    /** The domain in JDL: the file's text, or the entity block that {@code entity} and {@code fields} describe. */
    private final String jdl;
    private final Map<File, String> outputs = new LinkedHashMap<>();
    /** Existing files of the project with rows added ({@link #renderRows}). */
    private final Map<File, String> edits = new LinkedHashMap<>();
    private VelocityEngine engine;

    /**
     * @param templates  template path (relative to the entity template root, e.g. {@code contracts/src/...}) to text
     * @param properties the archetype properties (package, appName, entity, entityPlural, fields, ...)
     */
    public Generator(Map<String, String> templates, Map<String, ?> properties) {
        this.templates = new TreeMap<>(templates);
        this.properties = new HashMap<>(properties);
        Object domainFile = properties.get("domain");
        Object project = properties.get(ADD_TO_PROJECT);
        if (project != null) {
            // archetype-entity: the project's domain plus one entity (its fields may refer to the project's entities)
            this.fromJdl = true;
            File file = new File(project.toString(), DOMAIN_FILE);
            if (!file.isFile()) {
                throw new DomainException("This directory is not a project generated by archetype-project: it has no " + DOMAIN_FILE
                        + " (" + file.getAbsolutePath() + "). Run archetype-entity in the project's root directory.");
            }
            String existing = readDomain(file.getPath(), properties);
            java.util.regex.Matcher settings = SETTINGS.matcher(existing);
            if (settings.find()) {
                this.properties.put("package", settings.group(1));
                this.properties.put("appName", settings.group(2));
            }
            String entity = String.valueOf(properties.get("entity"));
            List<Entity> before = JdlParser.parse(existing).entities();
            if (before.stream().anyMatch(e -> e.getName().equals(entity))) {
                throw new DomainException("The entity " + entity + " exists already in this project (" + DOMAIN_FILE
                        + "): choose another name; change an existing entity by hand.");
            }
            if (properties.get("fields") == null || properties.get("fields").toString().isBlank()) {
                throw new DomainException("The fields description is empty: declare at least one field, e.g. name String required");
            }
            this.jdl = existing + (existing.endsWith("\n") ? "" : "\n") + "\n"
                    + entityBlock(entity, "", FieldsParser.split(properties.get("fields").toString(), ',').stream().map(String::trim).toList());
            try {
                this.domain = new Domain(JdlParser.parse(jdl).entities());
            } catch (DomainException e) {
                // the line is one of the appended block's, not of a file the user wrote: say the entity instead
                String message = e.getMessage().replaceFirst("^line \\d+: ", "");
                throw new DomainException(message + (message.contains("unknown type") ? " The entities of this project: "
                        + String.join(", ", before.stream().map(Entity::getName).toList()) + "." : ""));
            }
            this.added = domain.getEntities().stream().filter(e -> e.getName().equals(entity)).toList();
            edits.put(file, jdl);
        } else if (domainFile != null && !domainFile.toString().isBlank() && !domainFile.toString().equals(NO_DOMAIN)) {
            this.fromJdl = true;
            this.jdl = readDomain(domainFile.toString(), properties);
            this.domain = new Domain(JdlParser.parse(jdl).entities());
        } else {
            String entity = String.valueOf(properties.get("entity"));
            String plural = String.valueOf(properties.get("entityPlural"));
            Object fields = properties.get("fields");
            // archetype-data-mongo knows the entity by name only: it records the entity's activities
            this.domain = new Domain(List.of(fields == null ? new Entity(entity, plural, List.of())
                    : FieldsParser.parseEntity(entity, plural, fields.toString())));
            this.jdl = fields == null ? null : toJdl(domain.getPrimary(), fields.toString());
        }
    }

    /** The entity block (and enum blocks) of JDL that say what {@code fields}, the field part of JDL, says. */
    static String toJdl(Entity entity, String fields) {
        StringBuilder out = new StringBuilder();
        for (EnumType e : entity.getEnums()) {
            out.append("enum ").append(e.getName()).append(" {\n  ").append(String.join(", ", e.getValues())).append("\n}\n\n");
        }
        List<String> declarations = FieldsParser.split(fields, ',').stream()
                .map(d -> d.trim().replaceFirst("^(\\S+\\s+[A-Z][A-Za-z0-9]*)\\s*\\{[A-Z0-9_|\\s]*}", "$1")).toList();
        // an irregular plural (entityPlural) is kept as JDL keeps it: the table name in parentheses
        String table = entity.getPlural().equals(Names.plural(entity.getName())) ? "" : " (" + entity.getTableName() + ")";
        return out.append(entityBlock(entity.getName(), table, declarations)).toString();
    }

    /** {@code entity Name (table) { declarations }}, one declaration a line. */
    private static String entityBlock(String name, String table, List<String> declarations) {
        return "entity " + name + table + " {\n  " + String.join(",\n  ", declarations) + "\n}\n";
    }

    /** The JDL file {@code path}: as given (absolute, or relative to the current directory), else relative to the output directory. */
    static String readDomain(String path, Map<String, ?> properties) {
        File file = new File(path);
        if (!file.isAbsolute() && !file.isFile() && properties.get("outputDirectory") != null) {
            file = new File(String.valueOf(properties.get("outputDirectory")), path);
        }
        if (!file.isFile()) {
            throw new DomainException("The domain file '" + path + "' does not exist (looked for " + new File(path).getAbsolutePath()
                    + (properties.get("outputDirectory") != null ? " and " + file.getAbsolutePath() : "") + ").");
        }
        try {
            return Files.readString(file.toPath(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DomainException("The domain file '" + path + "' cannot be read: " + e.getMessage());
        }
    }

    /** The generator with the templates of the archetype jar (or class directory) this class was loaded from. */
    public static Generator fromArchetype(Map<String, ?> properties) {
        return new Generator(bundledTemplates(), properties);
    }

    public Domain getDomain() {
        return domain;
    }

    public static List<String> piecesOfArchetype(String archetypeArtifactId) {
        return ARCHETYPE_PIECES.getOrDefault(archetypeArtifactId, List.of());
    }

    public static List<String> piecesOfModule(String moduleDirectory) {
        return MODULE_PIECES.getOrDefault(moduleDirectory, List.of());
    }

    /** The pieces of a module of a project: by its directory, or, for a service added later under another name, by its kind. */
    public static List<String> piecesOfModule(File moduleDir) {
        return piecesOfModule(kindOf(moduleDir));
    }

    /**
     * The kind of a module: its directory name when it is one of archetype-project's modules, else the kind its fixed
     * HTTP port says ({@code quarkus.http.port} of its application.properties: 8080 api, 8081 data-postgres, 8082
     * data-mongo, 8083 bot, 8084 worker), else its directory name.
     */
    static String kindOf(File moduleDir) {
        if (MODULE_PIECES.containsKey(moduleDir.getName())) {
            return moduleDir.getName();
        }
        File properties = new File(moduleDir, "src/main/resources/application.properties");
        if (properties.isFile()) {
            try {
                java.util.regex.Matcher port = HTTP_PORT.matcher(Files.readString(properties.toPath()));
                if (port.find()) {
                    String kind = SERVICE_PORTS.get(port.group(1));
                    if (kind != null) {
                        return kind;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return moduleDir.getName();
    }

    /**
     * Renders every template of {@code piece} for every entity (for the primary entity only when {@code moduleDir}
     * is of a kind in {@link #PRIMARY_ONLY}, also a bot generated on its own: {@link #kindOf}), into {@code moduleDir} (written by {@link #write()}).
     */
    public void render(String piece, File moduleDir) {
        render(piece, moduleDir, PRIMARY_ONLY.contains(kindOf(moduleDir)));
    }

    void render(String piece, File moduleDir, boolean primaryOnly) {
        if (added != null && primaryOnly) {
            return;
        }
        List<Entity> entities = added != null ? added : primaryOnly ? List.of(domain.getPrimary()) : domain.getEntities();
        String packagePath = String.valueOf(properties.get("package")).replace('.', '/');
        String artifactId = moduleArtifactId(moduleDir);
        for (Map.Entry<String, String> template : templates.entrySet()) {
            if (!template.getKey().startsWith(piece + "/")) {
                continue;
            }
            String relative = template.getKey().substring(piece.length() + 1);
            // a template without an entity token is rendered once (for the primary entity; it may iterate $domain)
            boolean perEntity = relative.contains("__entity__") || relative.contains("__entityPlural__") || relative.contains("__enum__")
                    || relative.contains("__dateField__");
            boolean migration = relative.startsWith(MIGRATIONS);
            if (added != null && !perEntity && !migration) {
                continue; // the project has it; it is about the whole domain (a README, the bot's commands)
            }
            java.util.Set<String> enumsDone = new java.util.HashSet<>();
            for (Entity entity : perEntity ? entities : added != null ? added : List.of(domain.getPrimary())) {
                if (relative.contains("__dateField__") && entity.getDateField() == null) {
                    continue;
                }
                List<EnumType> enums = relative.contains("__enum__")
                        ? entity.getEnums().stream().filter(e -> enumsDone.add(e.getName())).toList()
                        : java.util.Collections.singletonList(null);
                for (EnumType enumType : enums) {
                    String path = relative.replace("__entityPlural__", entity.getPlural()).replace("__entity__", entity.getName());
                    if (entity.getDateField() != null) {
                        path = path.replace("__dateField__", entity.getDateField().getCapitalized());
                    }
                    if (enumType != null) {
                        path = path.replace("__enum__", enumType.getName());
                    }
                    path = path.replaceFirst("^src/(main|test)/java/", "src/$1/java/" + packagePath + "/");
                    VelocityContext context = context(entity);
                    if (added != null && migration) {
                        // a new migration after the project's: the added entity's table and foreign keys
                        path = MIGRATIONS + "V" + nextMigration(new File(moduleDir, MIGRATIONS)) + "__create_" + entity.getTableName() + ".sql";
                        context.put("domain", new Domain(added));
                    }
                    if (artifactId != null) {
                        context.put("artifactId", artifactId);
                    }
                    context.put("enum", enumType);
                    outputs.put(new File(moduleDir, path), evaluate(context, template.getKey(), template.getValue()));
                }
            }
        }
    }

    /**
     * Adds one row per entity, rendered from the templates under {@value #ROWS} ({@code rows/README.md} for the
     * project's {@code README.md}, ...), before the line {@value #END_OF_ENTITIES} of each of those project files
     * (written by {@link #write()}).
     */
    public void renderRows(File projectDir) {
        for (Map.Entry<String, String> template : templates.entrySet()) {
            if (!template.getKey().startsWith(ROWS)) {
                continue;
            }
            File target = new File(projectDir, template.getKey().substring(ROWS.length()));
            String current;
            try {
                current = edits.containsKey(target) ? edits.get(target) : target.isFile() ? Files.readString(target.toPath()) : null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (current == null || !current.contains(END_OF_ENTITIES)) {
                continue;
            }
            StringBuilder rows = new StringBuilder();
            for (Entity entity : added != null ? added : domain.getEntities()) {
                rows.append(evaluate(context(entity), template.getKey(), template.getValue()));
            }
            edits.put(target, current.replace(END_OF_ENTITIES, rows + END_OF_ENTITIES));
        }
    }

    /** The project's record of its domain, {@value #DOMAIN_FILE}: what {@code archetype-entity} adds an entity to. */
    public void renderDomainFile(File projectDir) {
        outputs.put(new File(projectDir, DOMAIN_FILE), "// The entities of " + properties.get("appName") + " in JDL; archetype-entity adds one (see README.md).\n"
                + "// package=" + properties.get("package") + " appName=" + properties.get("appName") + "\n\n" + jdl);
    }

    /** Writes what {@link #render} produced; fails before writing anything when one of the files exists already. */
    public List<File> write() {
        for (File file : outputs.keySet()) {
            if (file.exists()) {
                throw new DomainException("Generating would overwrite " + file + ": it exists already.");
            }
        }
        List<File> written = new ArrayList<>();
        try {
            for (Map.Entry<File, String> output : outputs.entrySet()) {
                Files.createDirectories(output.getKey().getParentFile().toPath());
                Files.writeString(output.getKey().toPath(), output.getValue(), StandardCharsets.UTF_8);
                written.add(output.getKey());
            }
            for (Map.Entry<File, String> edit : edits.entrySet()) {
                Files.writeString(edit.getKey().toPath(), edit.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        outputs.clear();
        edits.clear();
        return written;
    }

    /** The version after the highest of the Flyway migrations in {@code dir} ({@code V<n>__*.sql}). */
    static int nextMigration(File dir) {
        int highest = 0;
        String[] names = dir.list();
        for (String name : names == null ? new String[0] : names) {
            java.util.regex.Matcher m = MIGRATION.matcher(name);
            if (m.matches()) {
                highest = Math.max(highest, Integer.parseInt(m.group(1)));
            }
        }
        return highest + 1;
    }

    /** The module's own artifactId (its POM's, outside the parent element), as the archetype plugin sets it for a module. */
    static String moduleArtifactId(File moduleDir) {
        File pom = new File(moduleDir, "pom.xml");
        if (!pom.isFile()) {
            return null;
        }
        try {
            String xml = Files.readString(pom.toPath()).replaceFirst("(?s)<parent>.*?</parent>", "");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(xml);
            return m.find() ? m.group(1).trim() : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes what {@link #render} produced, replacing existing files (the template development loop, {@link Render}). */
    void overwrite() {
        outputs.keySet().forEach(File::delete);
        write();
    }

    private VelocityContext context(Entity entity) {
        VelocityContext context = new VelocityContext(new HashMap<>(properties));
        context.put("entity", entity.getName());
        context.put("entityPlural", entity.getPlural());
        context.put("entityVar", entity.getVar());
        context.put("resourcePath", entity.getResourcePath());
        context.put("tableName", entity.getTableName());
        context.put("eventPrefix", entity.getEventPrefix());
        if (fromJdl || entity != domain.getPrimary() || !properties.containsKey("activityPath")) {
            context.put("activityPath", entity.getEventPrefix() + "-activities");
        }
        context.put("model", entity);
        context.put("fields", entity.getFields());
        context.put("domain", domain);
        context.put("d", "$");
        context.put("h", "#");
        return context;
    }

    private String evaluate(VelocityContext context, String name, String template) {
        StringWriter out = new StringWriter();
        engine().evaluate(context, out, name, template);
        return out.toString();
    }

    private VelocityEngine engine() {
        if (engine == null) {
            engine = new VelocityEngine();
            engine.setProperty("runtime.strict_mode.enable", "true");
            engine.setProperty("parser.space_gobbling", "lines");
            engine.init();
            // the macros of every template, defined once (inline macros are global) instead of parsed again with each
            engine.evaluate(new VelocityContext(), new StringWriter(), MACROS, templates.getOrDefault(MACROS, ""));
        }
        return engine;
    }

    /** The templates under {@link #TEMPLATES} in the jar or directory this class was loaded from. */
    static Map<String, String> bundledTemplates() {
        Map<String, String> out = new TreeMap<>();
        try {
            Path location = Path.of(Generator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                Path root = location.resolve(TEMPLATES);
                if (Files.isDirectory(root)) {
                    try (Stream<Path> files = Files.walk(root)) {
                        for (Path p : files.filter(Files::isRegularFile).toList()) {
                            out.put(root.relativize(p).toString().replace(File.separatorChar, '/'), Files.readString(p));
                        }
                    }
                }
            } else {
                try (ZipFile jar = new ZipFile(location.toFile())) {
                    for (ZipEntry entry : java.util.Collections.list(jar.entries())) {
                        if (!entry.isDirectory() && entry.getName().startsWith(TEMPLATES)) {
                            try (InputStream in = jar.getInputStream(entry)) {
                                out.put(entry.getName().substring(TEMPLATES.length()), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}

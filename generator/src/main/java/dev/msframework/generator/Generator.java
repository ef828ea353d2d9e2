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
    /** The value of {@code domain} that means: no JDL file, the entity is {@code entity} with {@code fields}. */
    public static final String NO_DOMAIN = "none";

    /** The pieces each archetype renders into the module it generates on its own. */
    static final Map<String, List<String>> ARCHETYPE_PIECES = Map.of(
            "archetype-data-postgres", List.of("contracts", "data-postgres"),
            "archetype-api-service", List.of("contracts", "client", "api-service"),
            "archetype-worker-service", List.of("contracts", "client", "worker-service"),
            "archetype-bot-service", List.of("contracts", "client", "bot-service"),
            "archetype-data-mongo", List.of());

    /** The pieces each module of a whole project (archetype-project) receives, by module directory. */
    static final Map<String, List<String>> MODULE_PIECES = Map.of(
            "contracts", List.of("contracts"),
            "data-postgres-service", List.of("data-postgres"),
            "api-service", List.of("client", "api-service"),
            "worker-service", List.of("client", "worker-service"),
            "bot-service", List.of("client", "bot-service"),
            "e2e-tests", List.of("e2e-tests"));

    private final Map<String, String> templates;
    private final Map<String, Object> properties;
    private final Domain domain;
    /** Whether the domain comes from a JDL file ({@code domain}) rather than {@code entity} and {@code fields}. */
    private boolean fromJdl;
    private final Map<File, String> outputs = new LinkedHashMap<>();
    private VelocityEngine engine;

    /**
     * @param templates  template path (relative to the entity template root, e.g. {@code contracts/src/...}) to text
     * @param properties the archetype properties (package, appName, entity, entityPlural, fields, ...)
     */
    public Generator(Map<String, String> templates, Map<String, ?> properties) {
        this.templates = new TreeMap<>(templates);
        this.properties = new HashMap<>(properties);
        Object domainFile = properties.get("domain");
        if (domainFile != null && !domainFile.toString().isBlank() && !domainFile.toString().equals(NO_DOMAIN)) {
            this.fromJdl = true;
            this.domain = new Domain(JdlParser.parse(readDomain(domainFile.toString(), properties)).entities());
        } else {
            String entity = String.valueOf(properties.get("entity"));
            String plural = String.valueOf(properties.get("entityPlural"));
            this.domain = new Domain(List.of(FieldsParser.parseEntity(entity, plural, (String) properties.get("fields"))));
        }
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

    /** Renders every template of {@code piece} for every entity, into {@code moduleDir} (written by {@link #write()}). */
    public void render(String piece, File moduleDir) {
        String macros = templates.getOrDefault(MACROS, "");
        String packagePath = String.valueOf(properties.get("package")).replace('.', '/');
        for (Map.Entry<String, String> template : templates.entrySet()) {
            if (!template.getKey().startsWith(piece + "/")) {
                continue;
            }
            String relative = template.getKey().substring(piece.length() + 1);
            // a template without an entity token is rendered once (for the primary entity; it may iterate $domain)
            boolean perEntity = relative.contains("__entity__") || relative.contains("__entityPlural__") || relative.contains("__enum__")
                    || relative.contains("__dateField__");
            java.util.Set<String> enumsDone = new java.util.HashSet<>();
            for (Entity entity : perEntity ? domain.getEntities() : List.of(domain.getPrimary())) {
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
                    String artifactId = moduleArtifactId(moduleDir);
                    if (artifactId != null) {
                        context.put("artifactId", artifactId);
                    }
                    context.put("enum", enumType);
                    outputs.put(new File(moduleDir, path), evaluate(context, template.getKey(), macros + template.getValue()));
                }
            }
        }
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        outputs.clear();
        return written;
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
        if (engine == null) {
            engine = new VelocityEngine();
            engine.setProperty("runtime.strict_mode.enable", "true");
            engine.setProperty("space.gobbling", "lines");
            engine.init();
        }
        StringWriter out = new StringWriter();
        engine.evaluate(context, out, name, template);
        return out.toString();
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

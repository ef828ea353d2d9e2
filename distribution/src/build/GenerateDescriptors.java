import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Writes the two descriptions of the collection's archetypes, both derived from the archetype modules alone:
 * <ul>
 *   <li>{@code archetype-catalog.xml}: an archetype catalog (groupId, artifactId, version, one-line description)
 *       for IDE wizards and {@code -DarchetypeCatalog};</li>
 *   <li>{@code archetypes.json}: every archetype with its description and every property with its description,
 *       default value and validation regex, for tools and AI agents.</li>
 * </ul>
 * The archetypes are the modules of the root POM whose packaging is {@code maven-archetype}, in module order; the
 * description of an archetype is the {@code <description>} of its POM, its properties are the
 * {@code requiredProperties} of its {@code META-INF/maven/archetype-metadata.xml}.
 * <p>
 * Run with the Java source launcher (no compilation step): {@code java GenerateDescriptors.java ROOT_DIR OUTPUT_DIR}.
 */
public class GenerateDescriptors {

    static final String METADATA = "src/main/resources/META-INF/maven/archetype-metadata.xml";

    record Property(String key, String description, String defaultValue, String validationRegex) {}

    record Archetype(String groupId, String artifactId, String version, String name, String description,
                     List<String> modules, List<Property> properties) {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java GenerateDescriptors.java ROOT_DIR OUTPUT_DIR");
            System.exit(2);
        }
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        Path out = Path.of(args[1]).toAbsolutePath().normalize();
        List<Archetype> archetypes = readArchetypes(root);
        if (archetypes.isEmpty()) {
            throw new IllegalStateException("no module with packaging maven-archetype in " + root.resolve("pom.xml"));
        }
        Files.createDirectories(out);
        Files.writeString(out.resolve("archetype-catalog.xml"), catalog(archetypes), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("archetypes.json"), json(archetypes), StandardCharsets.UTF_8);
        System.out.println("[descriptors] " + archetypes.size() + " archetypes -> " + out.resolve("archetype-catalog.xml")
                + ", " + out.resolve("archetypes.json"));
    }

    static List<Archetype> readArchetypes(Path root) throws Exception {
        Element rootPom = parse(root.resolve("pom.xml"));
        List<Archetype> archetypes = new ArrayList<>();
        Element modules = child(rootPom, "modules");
        for (Element module : children(modules, "module")) {
            Path dir = root.resolve(module.getTextContent().trim());
            Element pom = parse(dir.resolve("pom.xml"));
            if (!"maven-archetype".equals(text(pom, "packaging"))) {
                continue;
            }
            Element parent = child(pom, "parent");
            String groupId = firstNonNull(text(pom, "groupId"), parent == null ? null : text(parent, "groupId"));
            String version = firstNonNull(text(pom, "version"), parent == null ? null : text(parent, "version"));
            String artifactId = text(pom, "artifactId");
            String description = text(pom, "description");
            if (description == null || description.isEmpty()) {
                throw new IllegalStateException(dir.resolve("pom.xml") + " has no <description>: the catalog shows it");
            }
            Path metadataFile = dir.resolve(METADATA);
            Element metadata = parse(metadataFile);
            List<Property> properties = new ArrayList<>();
            for (Element p : children(child(metadata, "requiredProperties"), "requiredProperty")) {
                String key = p.getAttribute("key");
                String propertyDescription = text(p, "description");
                if (propertyDescription == null || propertyDescription.isEmpty()) {
                    throw new IllegalStateException(metadataFile + ": requiredProperty '" + key
                            + "' has no <description>: IDE wizards and agents show it");
                }
                properties.add(new Property(key, propertyDescription, rawText(p, "defaultValue"), rawText(p, "validationRegex")));
            }
            List<String> moduleDirs = new ArrayList<>();
            for (Element m : children(child(metadata, "modules"), "module")) {
                moduleDirs.add(m.getAttribute("dir"));
            }
            archetypes.add(new Archetype(groupId, artifactId, version, text(pom, "name"), description, moduleDirs, properties));
        }
        return archetypes;
    }

    // ---------------------------------------------------------------------------------------------------------
    // archetype-catalog.xml

    static String catalog(List<Archetype> archetypes) {
        StringBuilder s = new StringBuilder();
        s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        s.append("<!-- Generated by the distribution module from the archetypes' POMs: do not edit. -->\n");
        s.append("<archetype-catalog xmlns=\"http://maven.apache.org/plugins/maven-archetype-plugin/archetype-catalog/1.0.0\"\n");
        s.append("    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n");
        s.append("    xsi:schemaLocation=\"http://maven.apache.org/plugins/maven-archetype-plugin/archetype-catalog/1.0.0")
                .append(" https://maven.apache.org/xsd/archetype-catalog-1.0.0.xsd\">\n");
        s.append("  <archetypes>\n");
        for (Archetype a : archetypes) {
            s.append("    <archetype>\n");
            s.append("      <groupId>").append(xml(a.groupId())).append("</groupId>\n");
            s.append("      <artifactId>").append(xml(a.artifactId())).append("</artifactId>\n");
            s.append("      <version>").append(xml(a.version())).append("</version>\n");
            s.append("      <description>").append(xml(a.description())).append("</description>\n");
            s.append("    </archetype>\n");
        }
        s.append("  </archetypes>\n");
        s.append("</archetype-catalog>\n");
        return s.toString();
    }

    static String xml(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    // ---------------------------------------------------------------------------------------------------------
    // archetypes.json

    static String json(List<Archetype> archetypes) {
        StringBuilder s = new StringBuilder();
        s.append("{\n");
        s.append("  \"comment\": ").append(str("Generated by the distribution module from each archetype's pom.xml "
                + "(description) and META-INF/maven/archetype-metadata.xml (requiredProperties): do not edit. "
                + "A property without a default must be given; a default containing ${...} is a Velocity expression "
                + "computed from other properties.")).append(",\n");
        s.append("  \"groupId\": ").append(str(archetypes.get(0).groupId())).append(",\n");
        s.append("  \"version\": ").append(str(archetypes.get(0).version())).append(",\n");
        s.append("  \"archetypes\": [");
        for (int i = 0; i < archetypes.size(); i++) {
            Archetype a = archetypes.get(i);
            s.append(i == 0 ? "\n" : ",\n");
            s.append("    {\n");
            s.append("      \"groupId\": ").append(str(a.groupId())).append(",\n");
            s.append("      \"artifactId\": ").append(str(a.artifactId())).append(",\n");
            s.append("      \"version\": ").append(str(a.version())).append(",\n");
            s.append("      \"name\": ").append(str(a.name())).append(",\n");
            s.append("      \"description\": ").append(str(a.description())).append(",\n");
            s.append("      \"command\": ").append(str(command(a))).append(",\n");
            s.append("      \"modules\": [");
            for (int m = 0; m < a.modules().size(); m++) {
                s.append(m == 0 ? "" : ", ").append(str(a.modules().get(m)));
            }
            s.append("],\n");
            s.append("      \"properties\": [");
            for (int p = 0; p < a.properties().size(); p++) {
                Property property = a.properties().get(p);
                s.append(p == 0 ? "\n" : ",\n");
                s.append("        {\"key\": ").append(str(property.key()));
                s.append(", \"required\": ").append(property.defaultValue() == null);
                if (property.defaultValue() != null) {
                    s.append(", \"default\": ").append(str(property.defaultValue()));
                }
                if (property.validationRegex() != null) {
                    s.append(", \"validationRegex\": ").append(str(property.validationRegex()));
                }
                s.append(", \"description\": ").append(str(property.description())).append("}");
            }
            s.append(a.properties().isEmpty() ? "]\n" : "\n      ]\n");
            s.append("    }");
        }
        s.append("\n  ]\n");
        s.append("}\n");
        return s.toString();
    }

    /** The batch command with the properties that have no default; every other property may be added as -Dkey=value. */
    static String command(Archetype a) {
        StringBuilder s = new StringBuilder("mvn -B archetype:generate");
        s.append(" -DarchetypeGroupId=").append(a.groupId());
        s.append(" -DarchetypeArtifactId=").append(a.artifactId());
        s.append(" -DarchetypeVersion=").append(a.version());
        for (Property p : a.properties()) {
            if (p.defaultValue() == null) {
                s.append(" -D").append(p.key()).append("=<").append(p.key()).append(">");
            }
        }
        return s.toString();
    }

    static String str(String value) {
        StringBuilder s = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }

    // ---------------------------------------------------------------------------------------------------------
    // XML helpers (namespace-unaware: the POM and descriptor namespaces do not matter here)

    static Element parse(Path file) throws Exception {
        if (!Files.isRegularFile(file)) {
            throw new IOException("missing " + file);
        }
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
    }

    static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    static List<Element> children(Element parent, String name) {
        List<Element> result = new ArrayList<>();
        if (parent != null) {
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && e.getTagName().equals(name)) {
                    result.add(e);
                }
            }
        }
        return result;
    }

    /** Trimmed text with runs of white space made one space (descriptions, names, coordinates). */
    static String text(Element parent, String name) {
        String raw = rawText(parent, name);
        return raw == null ? null : raw.trim().replaceAll("\\s+", " ");
    }

    /** Text exactly as written (default values and regexes, where every character counts). */
    static String rawText(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent();
    }

    static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}

package dev.msframework.generator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The rule of every archetype property, checked again after generation: batch mode (-B, used by IDEs, scripts and AI
 * agents) does not apply the validationRegex of archetype-metadata.xml. The messages name the property, the value,
 * the rule and a valid example (the bad-input tests and docs/properties.md quote them).
 */
final class PropertyRules {

    /** The rules of the domain's names (JDL files and fields) apply to the properties too: one list each. */
    static final Set<String> JAVA_KEYWORDS = Names.JAVA_KEYWORDS;
    /** Class names that would shadow java.lang, Jakarta annotations or the generated code itself. */
    static final Set<String> TAKEN_CLASS_NAMES = Names.TAKEN_TYPE_NAMES;
    /** The service modules of archetype-project, in the order of its {@code services} property's message. */
    static final List<String> SERVICES = List.of("api-service", "bot-service", "worker-service", "data-postgres-service",
            "data-mongo-service");
    static final List<String> BUSINESS_SERVICES = List.of("api-service", "bot-service", "worker-service");

    private static final Pattern GROUP_ID = Pattern.compile("^[A-Za-z0-9_\\-]+(\\.[A-Za-z0-9_\\-]+)*$");
    private static final Pattern KEBAB = Pattern.compile("^[a-z][a-z0-9]*(-[a-z0-9]+)*$");
    private static final Pattern PASCAL = Pattern.compile("^[A-Z][A-Za-z0-9]*$");
    private static final Pattern VERSION = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._\\-]*$");
    private static final Pattern PACKAGE_PART = Pattern.compile("^[a-z_][a-z0-9_]*$");
    private static final Pattern CAMEL = Pattern.compile("^[a-z][A-Za-z0-9]*$");
    private static final Pattern SNAKE = Pattern.compile("^[a-z][a-z0-9_]*$");
    private static final List<String> JAVA_VERSIONS = List.of("17", "21", "25");

    private PropertyRules() {
    }

    /**
     * One message per invalid value, in the order of the properties: {@code Invalid value '...' for property '...': it
     * must be .... Example: -D...=...}. The four coordinates come from the request, the others from its properties;
     * a property without a value is not checked.
     */
    static List<String> problems(Properties props, String groupId, String artifactId, String version, String packageName) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Function<String, String[]>> rule : rules(props).entrySet()) {
            String key = rule.getKey();
            String value = switch (key) {
                case "groupId" -> groupId;
                case "artifactId" -> artifactId;
                case "version" -> version;
                case "package" -> packageName;
                default -> props.getProperty(key);
            };
            if (value == null) {
                continue;
            }
            String[] broken = rule.getValue().apply(value);
            if (broken != null) {
                problems.add("Invalid value '" + value + "' for property '" + key + "': it must be " + broken[0] + ". Example: -D" + key
                        + "=" + broken[1]);
            }
        }
        return problems;
    }

    /** Property to rule: null when the value is valid, else {rule, example}. */
    private static Map<String, Function<String, String[]>> rules(Properties props) {
        Map<String, Function<String, String[]>> rules = new LinkedHashMap<>();
        rules.put("groupId", v -> matches(GROUP_ID, v) ? null
                : broken("a Maven groupId: letters, digits, \"-\" and \"_\" in dot-separated parts", "com.acme"));
        rules.put("artifactId", v -> matches(KEBAB, v) ? null
                : broken("lower-case letters and digits in words joined by \"-\", starting with a letter", "billing-data"));
        rules.put("version", v -> matches(VERSION, v) ? null
                : broken("a Maven version: letters, digits, \".\", \"-\" and \"_\"", "1.0.0-SNAPSHOT"));
        rules.put("package", v -> {
            List<String> parts = Arrays.asList(v.split("\\.", -1));
            String bad = parts.stream().filter(p -> !matches(PACKAGE_PART, p)).findFirst().orElse(null);
            if (bad != null) {
                return broken("dot-separated lower-case Java identifiers (\"" + bad + "\" is not one)", "com.acme.billing");
            }
            String keyword = parts.stream().filter(JAVA_KEYWORDS::contains).findFirst().orElse(null);
            return keyword != null
                    ? broken("dot-separated Java identifiers that are not Java keywords (\"" + keyword + "\" is one)", "com.acme.billing")
                    : null;
        });
        rules.put("entity", v -> {
            if (!matches(PASCAL, v)) {
                return broken("a PascalCase singular Java class name: an upper-case letter, then letters and digits", "Invoice");
            }
            return TAKEN_CLASS_NAMES.contains(v)
                    ? broken("a class name that does not clash with java.lang or the generated code (\"" + v + "\" does)", "Invoice")
                    : null;
        });
        rules.put("entityPlural", v -> {
            if (!matches(PASCAL, v)) {
                return broken("a PascalCase Java name: an upper-case letter, then letters and digits", "Invoices");
            }
            return v.equals(props.getProperty("entity")) ? broken("different from the entity name", props.getProperty("entity") + "s") : null;
        });
        rules.put("entityVar", v -> matches(CAMEL, v) && !JAVA_KEYWORDS.contains(v) ? null
                : broken("a lowerCamelCase Java variable name that is not a keyword", "invoice"));
        rules.put("resourcePath", v -> matches(KEBAB, v) ? null : broken("a kebab-case URL path segment", "invoices"));
        rules.put("tableName", v -> matches(SNAKE, v) ? null : broken("a snake_case SQL table name", "invoices"));
        rules.put("eventPrefix", v -> matches(KEBAB, v) ? null : broken("a kebab-case event type prefix", "invoice"));
        rules.put("activityPath", v -> matches(KEBAB, v) ? null : broken("a kebab-case URL path segment", "invoice-activities"));
        rules.put("javaVersion", v -> JAVA_VERSIONS.contains(v) ? null : broken("one of 17, 21 or 25", "25"));
        rules.put("appName", v -> matches(KEBAB, v) ? null
                : broken("lower-case letters and digits in words joined by \"-\", starting with a letter", "billing"));
        rules.put("services", v -> {
            List<String> names = serviceNames(v);
            List<String> unknown = names.stream().filter(n -> !SERVICES.contains(n)).toList();
            if (!unknown.isEmpty()) {
                return broken("a comma-separated list of: " + String.join(", ", SERVICES) + " (unknown: " + String.join(", ", unknown) + ")",
                        "api-service,data-postgres-service");
            }
            return names.isEmpty() ? broken("at least one service", "api-service,data-postgres-service") : null;
        });
        return rules;
    }

    /** The names of a {@code services} value: split at ",", trimmed, empty ones left out. */
    static List<String> serviceNames(String services) {
        return Arrays.stream(services.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** A full match, as Groovy's {@code ==~}. */
    private static boolean matches(Pattern pattern, String value) {
        return pattern.matcher(value).matches();
    }

    private static String[] broken(String rule, String example) {
        return new String[] {rule, example};
    }
}

package dev.msframework.generator;

import java.util.Locale;
import java.util.Set;

/** Naming rules shared by the parser and the model: Java keywords, SQL reserved words, case conversions. */
final class Names {

    static final Set<String> JAVA_KEYWORDS = Set.of(("abstract assert boolean break byte case catch char class const continue "
            + "default do double else enum extends final finally float for goto if implements import instanceof int interface "
            + "long native new package private protected public return short static strictfp super switch synchronized this "
            + "throw throws transient try void volatile while true false null var record yield sealed permits when").split(" "));

    /** PostgreSQL's reserved key words (SQL key words appendix, "reserved" in PostgreSQL): quoted as column names. */
    static final Set<String> SQL_RESERVED = Set.of(("all analyse analyze and any array as asc asymmetric authorization binary "
            + "both case cast check collate collation column concurrently constraint create cross current_catalog current_date "
            + "current_role current_schema current_time current_timestamp current_user default deferrable desc distinct do else "
            + "end except false fetch for foreign freeze from full grant group having ilike in initially inner intersect into is "
            + "isnull join lateral leading left like limit localtime localtimestamp natural not notnull null offset on only or "
            + "order outer overlaps placing primary references returning right select session_user similar some symmetric "
            + "system_user table tablesample then to trailing true union unique user using variadic verbose when where window "
            + "with").split(" "));

    /** Type names that would shadow java.lang, Jakarta annotations or classes the generated code declares. */
    static final Set<String> TAKEN_TYPE_NAMES = Set.of("Object", "Class", "String", "Record", "Enum", "Void", "Integer", "Long",
            "Short", "Byte", "Boolean", "Character", "Double", "Float", "Number", "Math", "System", "Thread", "Runtime", "Process",
            "Exception", "Error", "Throwable", "Override", "Iterable", "Module", "Package", "Problem", "ProblemMappers",
            "PageResponse", "Response", "Path", "Entity", "Table", "Version", "Id", "Activity", "Column", "EnumType",
            "Enumerated", "List", "Map", "Set", "Optional", "UUID", "Instant", "LocalDate", "BigDecimal", "Valid", "Pattern",
            "Size", "Min", "Max", "NotNull", "NotBlank", "Digits", "DecimalMin", "DecimalMax", "Sort", "Page", "CloudEvent");

    /** Field names the generated code uses itself: the entity's own columns and the list parameters. */
    static final Set<String> RESERVED_FIELDS = Set.of("id", "version", "createdAt", "updatedAt", "page", "size", "sort");

    private Names() {
    }

    /** The plural of a PascalCase noun, by the rule of the archetypes' {@code entityPlural} default. */
    static String plural(String name) {
        return name.replaceAll("([^aeiouAEIOU])y$", "$1ie").replaceAll("(s|x|z|ch|sh)$", "$1e") + "s";
    }

    /** {@code order_lines} to {@code OrderLines}. */
    static String pascal(String snake) {
        StringBuilder out = new StringBuilder();
        for (String word : snake.split("_")) {
            out.append(capitalize(word));
        }
        return out.toString();
    }

    /** {@code dueDate} to {@code due_date}. */
    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /** {@code dueDate} to {@code due date}. */
    static String words(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }

    static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String decapitalize(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** The text as the body of a Java string literal. */
    static String javaString(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}

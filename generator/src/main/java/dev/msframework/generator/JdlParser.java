package dev.msframework.generator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a JDL file: {@code entity} blocks (fields as in {@link FieldsParser}, separated by commas or new lines),
 * {@code enum} blocks and {@code relationship ManyToOne} / {@code OneToMany} declarations. Anything else of JDL
 * (options such as {@code paginate} or {@code dto}, applications, OneToOne and ManyToMany relationships,
 * annotations) is rejected with its line, the construct and what is supported.
 */
public final class JdlParser {

    static final String SUPPORTED = "msframework reads 'entity', 'enum' and 'relationship ManyToOne' / 'relationship OneToMany'";

    /** {@code entity Person (people)}: the table, for a plural that the rule of {@link Names#plural} gets wrong. */
    private static final Pattern TABLE = Pattern.compile("^\\(\\s*([a-z][a-z0-9]*(?:_[a-z0-9]+)*)\\s*\\)$");
    private static final Pattern TYPE_NAME = Pattern.compile("^[A-Z][A-Za-z0-9]*$");
    private static final Pattern ENUM_VALUE = Pattern.compile("^[A-Z][A-Z0-9_]*$");
    private static final Pattern SIDE = Pattern.compile("^([A-Z][A-Za-z0-9]*)(?:\\{\\s*([a-z][A-Za-z0-9]*)(?:\\([a-zA-Z0-9]+\\))?((?:\\s+[a-z]+)*)\\s*})?$");

    private final String text;
    private int pos;

    private JdlParser(String text) {
        this.text = withoutComments(text);
    }

    /** The entities, enums and references of a JDL file. */
    public static ParsedDomain parse(String jdl) {
        return new JdlParser(jdl).domain();
    }

    /** What a JDL file declares, before it becomes the generator's {@link Domain}. */
    public record ParsedDomain(List<Entity> entities, Map<String, EnumType> enums, List<Reference> references) {
    }

    private record Block(String keyword, String name, String header, String body, int line, int bodyLine) {
    }

    private ParsedDomain domain() {
        List<Block> blocks = blocks();
        Map<String, EnumType> enums = new LinkedHashMap<>();
        Set<String> entityNames = new HashSet<>();
        for (Block b : blocks) {
            if (b.keyword.equals("enum")) {
                enums.put(b.name, enumOf(b, enums));
            } else if (b.keyword.equals("entity")) {
                if (!TYPE_NAME.matcher(b.name).matches() || Names.TAKEN_TYPE_NAMES.contains(b.name)) {
                    throw error(b.line, "entity '" + b.name + "': an entity name is a PascalCase Java class name that does not clash"
                            + " with java.lang or the generated code, e.g. Customer");
                }
                if (!entityNames.add(b.name)) {
                    throw error(b.line, "entity " + b.name + " is declared twice");
                }
            }
        }
        for (String e : enums.keySet()) {
            if (entityNames.contains(e)) {
                throw error(lineOf(blocks, "enum", e), "enum " + e + " has the name of an entity");
            }
        }
        List<Reference> references = new ArrayList<>();
        Map<String, List<Field>> fieldsOf = new LinkedHashMap<>();
        for (Block b : blocks) {
            if (b.keyword.equals("entity")) {
                fieldsOf.put(b.name, fieldsOf(b, enums, entityNames, references));
            }
        }
        for (Block b : blocks) {
            if (b.keyword.equals("relationship")) {
                relationships(b, entityNames, references);
            }
        }
        if (fieldsOf.isEmpty()) {
            throw new DomainException("The JDL declares no entity: write at least one 'entity Name { field Type, ... }'.");
        }
        Set<String> seen = new HashSet<>();
        for (Reference r : references) {
            if (!seen.add(r.getFrom() + "." + r.getName())) {
                throw error(r.getLine(), "entity " + r.getFrom() + " has two references named '" + r.getName() + "'");
            }
            if (fieldsOf.get(r.getFrom()).stream().anyMatch(f -> f.getName().equals(r.getName()) || f.getName().equals(r.getName() + "Id"))) {
                throw error(r.getLine(), "entity " + r.getFrom() + " has a field named like its reference '" + r.getName() + "'");
            }
            if (Names.JAVA_KEYWORDS.contains(r.getName()) || !r.getName().matches("^[a-z][A-Za-z0-9]*$")) {
                throw error(r.getLine(), "reference '" + r.getName() + "' of entity " + r.getFrom() + ": a reference name is a lowerCamelCase"
                        + " Java name, e.g. customer");
            }
            if (r.isRequired() && r.getFrom().equals(r.getTo())) {
                throw error(r.getLine(), "entity " + r.getFrom() + " cannot require a reference to itself (the first one could never be"
                        + " created); drop 'required'");
            }
            fieldsOf.get(r.getFrom()).add(Field.reference(r.getName(), r.getTo(), r.isRequired()));
        }
        requiredCycles(references);
        List<Entity> entities = new ArrayList<>();
        Map<String, String> plurals = new LinkedHashMap<>();
        for (Block b : blocks) {
            if (b.keyword.equals("entity") && b.header != null && !b.header.isBlank()) {
                Matcher table = TABLE.matcher(b.header.trim());
                table.matches();
                plurals.put(b.name, Names.pascal(table.group(1)));
            }
        }
        fieldsOf.forEach((name, fields) -> entities.add(new Entity(name, plurals.getOrDefault(name, Names.plural(name)), fields)));
        for (Entity e : entities) {
            for (Field f : e.getReferenceFields()) {
                f.resolveTarget(entities.stream().filter(t -> t.getName().equals(f.getTargetName())).findFirst().orElseThrow());
            }
        }
        return new ParsedDomain(entities, enums, references);
    }

    /** Required references that go round in a circle: none of those entities could be created first. */
    private static void requiredCycles(List<Reference> references) {
        for (Reference start : references) {
            if (start.isRequired() && reaches(references, start.getTo(), start.getFrom(), new HashSet<>())) {
                throw error(start.getLine(), "the required references starting at " + start.getFrom() + "." + start.getName()
                        + " go round in a circle: no entity of it could be created first; make one of them optional");
            }
        }
    }

    /** Whether {@code from} leads to {@code goal} through required references. */
    private static boolean reaches(List<Reference> references, String from, String goal, Set<String> visited) {
        if (from.equals(goal)) {
            return true;
        }
        if (!visited.add(from)) {
            return false;
        }
        return references.stream().filter(r -> r.isRequired() && r.getFrom().equals(from))
                .anyMatch(r -> reaches(references, r.getTo(), goal, visited));
    }

    private List<Field> fieldsOf(Block b, Map<String, EnumType> enums, Set<String> entityNames, List<Reference> references) {
        if (b.header != null && !b.header.isBlank() && !TABLE.matcher(b.header.trim()).matches()) {
            throw error(b.line, "entity " + b.name + " " + b.header.trim() + ": the name in parentheses is the entity's table, in"
                    + " snake_case and plural, e.g. entity Person (people)");
        }
        List<Field> fields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Declaration declaration : declarations(b)) {
            int line = declaration.line();
            String d = declaration.text();
            String where = "entity " + b.name;
            if (d.startsWith("@")) {
                throw error(line, where + ": the annotation '" + d.split("\\s+")[0] + "' is not supported; " + SUPPORTED);
            }
            List<String> tokens = FieldsParser.split(d, ' ');
            tokens.removeIf(String::isBlank);
            if (tokens.size() >= 2 && entityNames.contains(tokens.get(1))) {
                boolean required = false;
                for (String t : tokens.subList(2, tokens.size())) {
                    if (!t.equals("required")) {
                        throw error(line, where + ", reference '" + tokens.get(0) + "': only 'required' applies to a reference ('"
                                + t + "' was given)");
                    }
                    required = true;
                }
                references.add(new Reference(b.name, tokens.get(0), tokens.get(1), required, line));
                continue;
            }
            try {
                Field f = FieldsParser.parseField(d, enums);
                if (!names.add(f.getName())) {
                    throw new DomainException("Field '" + f.getName() + "' is declared twice: every field name must be unique.");
                }
                fields.add(f);
            } catch (DomainException e) {
                throw error(line, where + ": " + e.getMessage());
            }
        }
        if (fields.isEmpty()) {
            throw error(b.line, "entity " + b.name + " has no fields: declare at least one, e.g. name String required");
        }
        return fields;
    }

    private EnumType enumOf(Block b, Map<String, EnumType> enums) {
        if (!TYPE_NAME.matcher(b.name).matches() || Names.TAKEN_TYPE_NAMES.contains(b.name)) {
            throw error(b.line, "enum '" + b.name + "': an enum name is a PascalCase Java class name that does not clash with"
                    + " java.lang or the generated code, e.g. Category");
        }
        if (enums.containsKey(b.name)) {
            throw error(b.line, "enum " + b.name + " is declared twice");
        }
        List<String> values = new ArrayList<>();
        for (String v : b.body.split("[,\\n]")) {
            String value = v.trim();
            if (value.isEmpty()) {
                continue;
            }
            if (value.contains("(")) {
                throw error(b.line, "enum " + b.name + ": a custom value '" + value + "' is not supported; write the value alone");
            }
            if (!ENUM_VALUE.matcher(value).matches()) {
                throw error(b.line, "enum " + b.name + ": '" + value + "' is not a valid value: upper-case letters, digits and '_',"
                        + " starting with a letter, e.g. IN_STOCK");
            }
            if (values.contains(value)) {
                throw error(b.line, "enum " + b.name + " lists " + value + " twice");
            }
            values.add(value);
        }
        if (values.isEmpty()) {
            throw error(b.line, "enum " + b.name + " has no values: write enum " + b.name + " { A, B }");
        }
        return new EnumType(b.name, values);
    }

    private void relationships(Block b, Set<String> entityNames, List<Reference> references) {
        String kind = b.name;
        if (!kind.equals("ManyToOne") && !kind.equals("OneToMany")) {
            throw error(b.line, "relationship " + kind + " is not supported; " + SUPPORTED
                    + " (model a ManyToMany with an entity that holds two ManyToOne references)");
        }
        for (Declaration declaration : declarations(b)) {
            int line = declaration.line();
            String d = declaration.text();
            String[] sides = d.split("\\s+to\\s+");
            if (sides.length != 2) {
                throw error(line, "relationship " + kind + ": '" + d + "' is not 'From{field} to To'");
            }
            Matcher left = SIDE.matcher(sides[0].trim());
            Matcher right = SIDE.matcher(sides[1].trim());
            if (!left.matches() || !right.matches()) {
                throw error(line, "relationship " + kind + ": '" + d + "' is not 'From{field} to To{field}'");
            }
            for (Matcher side : List.of(left, right)) {
                if (!entityNames.contains(side.group(1))) {
                    throw error(line, "relationship " + kind + " names entity '" + side.group(1) + "', which is not declared");
                }
                String options = side.group(3) == null ? "" : side.group(3).trim();
                if (!options.isEmpty() && !options.equals("required")) {
                    throw error(line, "relationship " + kind + ": only 'required' is supported after a field name ('" + options + "')");
                }
            }
            // ManyToOne: the left side holds the reference; OneToMany: the right side does
            Matcher holder = kind.equals("ManyToOne") ? left : right;
            Matcher target = kind.equals("ManyToOne") ? right : left;
            String name = holder.group(2) != null ? holder.group(2) : Names.decapitalize(target.group(1));
            boolean required = holder.group(3) != null && holder.group(3).contains("required");
            references.add(new Reference(holder.group(1), name, target.group(1), required, line));
        }
    }

    private record Declaration(int line, String text) {
    }

    /** The declarations of a block's body, separated by ',' or new lines (outside parentheses and braces), with their lines. */
    private static List<Declaration> declarations(Block b) {
        List<Declaration> out = new ArrayList<>();
        int line = b.bodyLine;
        for (String rawLine : b.body.split("\n", -1)) {
            for (String declaration : FieldsParser.split(rawLine, ',')) {
                if (!declaration.isBlank()) {
                    out.add(new Declaration(line, declaration.trim()));
                }
            }
            line++;
        }
        return out;
    }

    // ----- blocks -----

    private List<Block> blocks() {
        List<Block> out = new ArrayList<>();
        while (true) {
            skipSpace();
            if (pos >= text.length()) {
                return out;
            }
            int line = lineAt(pos);
            String keyword = word();
            if (keyword.isEmpty()) {
                throw error(line, "'" + text.substring(pos, Math.min(text.length(), pos + 20)).split("\\s")[0] + "' is not supported; " + SUPPORTED);
            }
            if (!keyword.equals("entity") && !keyword.equals("enum") && !keyword.equals("relationship")) {
                throw error(line, "'" + keyword + "' is not supported; " + SUPPORTED);
            }
            skipSpace();
            String name = word();
            if (name.isEmpty()) {
                throw error(line, keyword + " needs a name");
            }
            skipSpace();
            String header = null;
            if (pos < text.length() && text.charAt(pos) == '(') {
                int close = text.indexOf(')', pos);
                header = close < 0 ? text.substring(pos) : text.substring(pos, close + 1);
                pos = close < 0 ? text.length() : close + 1;
                skipSpace();
            }
            if (pos >= text.length() || text.charAt(pos) != '{') {
                throw error(line, keyword + " " + name + " needs a body in braces: " + keyword + " " + name + " { ... }");
            }
            int open = pos;
            int depth = 0;
            do {
                char c = text.charAt(pos);
                if (c == '\\') {
                    pos++;
                } else if (c == '{' || c == '(') {
                    depth++;
                } else if (c == '}' || c == ')') {
                    depth--;
                }
                pos++;
            } while (depth > 0 && pos < text.length());
            if (depth > 0) {
                throw error(line, keyword + " " + name + ": the brace opened here is never closed");
            }
            out.add(new Block(keyword, name, header, text.substring(open + 1, pos - 1), line, lineAt(open)));
        }
    }

    private String word() {
        int start = pos;
        while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private int lineAt(int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int lineOf(List<Block> blocks, String keyword, String name) {
        return blocks.stream().filter(b -> b.keyword.equals(keyword) && b.name.equals(name)).mapToInt(Block::line).findFirst().orElse(0);
    }

    private static DomainException error(int line, String message) {
        return new DomainException("line " + line + ": " + message + ".");
    }

    /** Comments become spaces, new lines stay: line numbers remain right. */
    static String withoutComments(String jdl) {
        StringBuilder out = new StringBuilder(jdl.length());
        int i = 0;
        while (i < jdl.length()) {
            if (jdl.startsWith("//", i)) {
                while (i < jdl.length() && jdl.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (jdl.startsWith("/*", i)) {
                int end = jdl.indexOf("*/", i + 2);
                end = end < 0 ? jdl.length() : end + 2;
                for (; i < end; i++) {
                    out.append(jdl.charAt(i) == '\n' ? '\n' : ' ');
                }
            } else {
                out.append(jdl.charAt(i++));
            }
        }
        return out.toString();
    }
}

package dev.msframework.generator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parses the field part of JHipster's JDL: declarations separated by {@code ,}, each {@code name Type validations...},
 * with enums written {@code Name{A|B|C}}. Every error names the field, the value and the rule.
 */
public final class FieldsParser {

    static final String VALIDATIONS = "required, unique, minlength(n), maxlength(n), min(n), max(n), pattern(regex)";
    static final String TYPES = FieldType.NAMES + ", or an enum written Name{A|B|C}";
    static final String EXAMPLE = "name String required maxlength(80), price BigDecimal min(0), category Category{BOOKS|GAMES}";

    private static final Pattern FIELD_NAME = Pattern.compile("^[a-z][A-Za-z0-9]*$");
    private static final Pattern TYPE_NAME = Pattern.compile("^[A-Z][A-Za-z0-9]*$");
    private static final Pattern ENUM_VALUE = Pattern.compile("^[A-Z][A-Z0-9_]*$");
    private static final Pattern VALIDATION = Pattern.compile("^([a-zA-Z]+)(?:\\((.*)\\))?$", Pattern.DOTALL);

    private FieldsParser() {
    }

    /** The entity {@code name} (plural {@code plural}) with the fields the description declares. */
    public static Entity parseEntity(String name, String plural, String description) {
        Map<String, EnumType> enums = new LinkedHashMap<>();
        List<Field> fields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        if (description == null || description.isBlank()) {
            throw new DomainException("The fields description is empty: declare at least one field, e.g. " + EXAMPLE);
        }
        for (String declaration : split(description, ',')) {
            Field field = parseField(declaration.trim(), enums);
            if (!names.add(field.getName())) {
                throw new DomainException("Field '" + field.getName() + "' is declared twice: every field name must be unique.");
            }
            fields.add(field);
        }
        for (EnumType e : enums.values()) {
            if (e.getName().equals(name) || e.getName().startsWith(name) && List.of("Api", "Dto", "CreateRequest", "UpdateRequest",
                    "Resource", "Service", "Gateway", "Client", "Events", "Activity").contains(e.getName().substring(name.length()))) {
                throw new DomainException("Enum '" + e.getName() + "' has the name of the entity " + name
                        + " or of a class generated for it: name it otherwise, e.g. " + name + "Kind.");
            }
        }
        for (Field f : fields) {
            for (String param : f.getFilterParams()) {
                if (!param.equals(f.getName()) && names.contains(param)) {
                    throw new DomainException("Field '" + param + "' clashes with the list filter '" + param + "' of field '"
                            + f.getName() + "': rename it.");
                }
            }
        }
        return new Entity(name, plural, fields);
    }

    static Field parseField(String declaration, Map<String, EnumType> enums) {
        if (declaration.isEmpty()) {
            throw new DomainException("An empty field declaration (two commas in a row, or a comma at the end): write 'name Type [validations]',"
                    + " e.g. " + EXAMPLE);
        }
        List<String> tokens = split(declaration, ' ');
        tokens.removeIf(String::isBlank);
        String name = tokens.get(0);
        String where = "Field '" + name + "'";
        if (!FIELD_NAME.matcher(name).matches()) {
            throw new DomainException("Invalid field name '" + name + "' in '" + declaration
                    + "': a field name is lowerCamelCase (a lower-case letter, then letters and digits), e.g. dueDate.");
        }
        if (Names.JAVA_KEYWORDS.contains(name)) {
            throw new DomainException("Invalid field name '" + name + "': it is a Java keyword. Choose another name, e.g. "
                    + name + "Value.");
        }
        if (Names.RESERVED_FIELDS.contains(name)) {
            throw new DomainException("Invalid field name '" + name + "': every entity has it already (id, version, createdAt, "
                    + "updatedAt) or the list API uses it (page, size, sort). Choose another name.");
        }
        if (tokens.size() < 2) {
            throw new DomainException(where + " has no type: write '" + name + " Type [validations]' with Type one of " + TYPES + ".");
        }
        Typed typed = typeOf(tokens.get(1), where, enums);
        Field field = new Field(name, typed.type(), typed.enumType());
        Set<String> seen = new HashSet<>();
        for (String token : tokens.subList(2, tokens.size())) {
            applyValidation(field, token, where, seen);
        }
        checkBounds(field, where);
        return field;
    }

    record Typed(FieldType type, EnumType enumType) {
    }

    static Typed typeOf(String token, String where, Map<String, EnumType> enums) {
        int brace = token.indexOf('{');
        if (brace >= 0) {
            String enumName = token.substring(0, brace);
            if (!token.endsWith("}")) {
                throw new DomainException(where + ": enum '" + token + "' is not closed: write " + enumName + "{A|B|C}.");
            }
            if (!TYPE_NAME.matcher(enumName).matches() || Names.TAKEN_TYPE_NAMES.contains(enumName)) {
                throw new DomainException(where + ": invalid enum name '" + enumName + "': a PascalCase Java class name that does not"
                        + " clash with java.lang or the generated code, e.g. Category.");
            }
            List<String> values = new ArrayList<>();
            for (String v : token.substring(brace + 1, token.length() - 1).split("\\|", -1)) {
                values.add(v.trim());
            }
            if (values.size() == 1 && values.get(0).isEmpty()) {
                throw new DomainException(where + ": enum " + enumName + " has no values: write " + enumName + "{A|B|C}.");
            }
            for (String v : values) {
                if (!ENUM_VALUE.matcher(v).matches()) {
                    throw new DomainException(where + ": '" + v + "' is not a valid value of enum " + enumName
                            + ": upper-case letters, digits and '_', starting with a letter, e.g. IN_STOCK.");
                }
            }
            if (new HashSet<>(values).size() != values.size()) {
                throw new DomainException(where + ": enum " + enumName + " lists a value twice: " + String.join("|", values) + ".");
            }
            EnumType known = enums.get(enumName);
            if (known != null && !known.getValues().equals(values)) {
                throw new DomainException(where + ": enum " + enumName + " is declared again with other values ("
                        + String.join("|", values) + " and " + String.join("|", known.getValues()) + ").");
            }
            EnumType type = known != null ? known : new EnumType(enumName, values);
            enums.put(enumName, type);
            return new Typed(FieldType.ENUM, type);
        }
        if (enums.containsKey(token)) {
            return new Typed(FieldType.ENUM, enums.get(token));
        }
        return FieldType.ofJdl(token).map(t -> new Typed(t, null)).orElseThrow(() -> new DomainException(where + ": unknown type '"
                + token + "'" + FieldType.ofJdlIgnoringCase(token).map(t -> " (did you mean " + t.jdl + "?)").orElse("")
                + ": a field type is one of " + TYPES + "."));
    }

    private static void applyValidation(Field field, String token, String where, Set<String> seen) {
        var m = VALIDATION.matcher(token);
        if (!m.matches()) {
            throw new DomainException(where + ": unknown validation '" + token + "': one of " + VALIDATIONS + ".");
        }
        String keyword = m.group(1);
        String argument = m.group(2);
        if (!seen.add(keyword)) {
            throw new DomainException(where + ": validation '" + keyword + "' is given twice.");
        }
        switch (keyword) {
            case "required" -> {
                noArgument(keyword, argument, where);
                field.required = true;
            }
            case "unique" -> {
                noArgument(keyword, argument, where);
                if (field.isBoolean() || field.isTextBlob()) {
                    throw new DomainException(where + " (" + field.getJdlType() + "): 'unique' does not apply to a " + field.getJdlType()
                            + " field.");
                }
                field.unique = true;
            }
            case "minlength", "maxlength" -> {
                if (!field.isText()) {
                    throw new DomainException(where + " (" + field.getJdlType() + "): " + token + " applies to String and TextBlob fields only.");
                }
                int n = integer(keyword, argument, where);
                if (keyword.equals("minlength")) {
                    field.minLength = n;
                } else {
                    if (n < 1) {
                        throw new DomainException(where + ": maxlength(" + argument + ") must be at least 1.");
                    }
                    field.maxLength = n;
                }
            }
            case "min", "max" -> {
                if (!field.isNumber()) {
                    throw new DomainException(where + " (" + field.getJdlType() + "): " + token
                            + " applies to Integer, Long, BigDecimal and Double fields only.");
                }
                BigDecimal n = number(keyword, argument, where, field);
                if (keyword.equals("min")) {
                    field.min = n;
                } else {
                    field.max = n;
                }
            }
            case "pattern" -> {
                if (!field.isText()) {
                    throw new DomainException(where + " (" + field.getJdlType() + "): pattern(...) applies to String and TextBlob fields only.");
                }
                String regex = unquote(argument == null ? "" : argument.trim());
                if (regex.isEmpty()) {
                    throw new DomainException(where + ": pattern() needs a regular expression, e.g. pattern(/^[A-Z]{3}-\\d+$/).");
                }
                try {
                    Pattern.compile(regex);
                } catch (PatternSyntaxException e) {
                    throw new DomainException(where + ": pattern(" + regex + ") is not a valid regular expression: " + e.getDescription()
                            + " near index " + e.getIndex() + ".");
                }
                field.pattern = regex;
            }
            default -> throw new DomainException(where + ": unknown validation '" + token + "': one of " + VALIDATIONS + ".");
        }
    }

    private static void checkBounds(Field field, String where) {
        if (field.minLength != null && field.getMaxLength() != null && field.minLength > field.getMaxLength()) {
            throw new DomainException(where + ": minlength(" + field.minLength + ") is greater than maxlength(" + field.getMaxLength() + ")"
                    + (field.maxLength == null ? " (a String without maxlength holds " + Field.DEFAULT_STRING_LENGTH + " characters)" : "") + ".");
        }
        if (field.min != null && field.max != null && field.min.compareTo(field.max) > 0) {
            throw new DomainException(where + ": min(" + field.getMin() + ") is greater than max(" + field.getMax() + ").");
        }
        if (field.unique && field.isIntegral() && field.min != null && field.max != null
                && field.max.subtract(field.min).compareTo(BigDecimal.valueOf(2)) < 0) {
            throw new DomainException(where + ": unique with min(" + field.getMin() + ") and max(" + field.getMax() + ") allows fewer than"
                    + " 3 values; the generated tests create 3 different ones. Widen the range or drop unique.");
        }
        if (field.isText()) {
            field.sampleText(3);
        }
    }

    private static void noArgument(String keyword, String argument, String where) {
        if (argument != null) {
            throw new DomainException(where + ": '" + keyword + "' takes no argument (" + keyword + "(" + argument + ") was given).");
        }
    }

    private static int integer(String keyword, String argument, String where) {
        if (argument == null || !argument.trim().matches("\\d{1,9}")) {
            throw new DomainException(where + ": " + keyword + "(" + (argument == null ? "" : argument)
                    + ") needs a whole number of 0 or more, e.g. " + keyword + "(80).");
        }
        return Integer.parseInt(argument.trim());
    }

    private static BigDecimal number(String keyword, String argument, String where, Field field) {
        String text = argument == null ? "" : argument.trim();
        if (!text.matches(field.isIntegral() ? "-?\\d{1,18}" : "-?\\d{1,17}(\\.\\d{1,2})?")) {
            throw new DomainException(where + " (" + field.getJdlType() + "): " + keyword + "(" + text + ") needs "
                    + (field.isIntegral() ? "a whole number" : "a number with at most 2 decimals") + ", e.g. " + keyword + "(0).");
        }
        BigDecimal n = new BigDecimal(text);
        if (field.getJdlType().equals("Integer") && (n.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0
                || n.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0)) {
            throw new DomainException(where + " (Integer): " + keyword + "(" + text + ") is outside the range of an Integer; use Long.");
        }
        return n;
    }

    /** {@code /re/}, {@code "re"} and {@code 're'} are the regular expression {@code re}, as in JDL. */
    private static String unquote(String s) {
        if (s.length() >= 2 && (s.startsWith("/") && s.endsWith("/") || s.startsWith("\"") && s.endsWith("\"")
                || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    /** Splits on {@code separator} outside parentheses and braces; a backslash escapes the next character. */
    static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                current.append(c).append(text.charAt(++i));
                continue;
            }
            if (c == '(' || c == '{') {
                depth++;
            } else if ((c == ')' || c == '}') && depth > 0) {
                depth--;
            }
            boolean split = depth == 0 && (separator == ' ' ? Character.isWhitespace(c) : c == separator);
            if (split) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }
}

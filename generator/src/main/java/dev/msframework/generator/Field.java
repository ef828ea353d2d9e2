package dev.msframework.generator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One field of an entity, as the templates see it: what it is in the contract (Java type, Bean Validation), in
 * PostgreSQL (column, constraints), in the list API (sort, filters) and in the generated tests (valid and invalid
 * sample values). Every derivation from the description is here, once.
 */
public final class Field {

    /** The length of a String field without maxlength, as JHipster does. */
    static final int DEFAULT_STRING_LENGTH = 255;
    /** BigDecimal columns: numeric(21, 2). */
    static final int DECIMAL_INTEGER_DIGITS = 19;
    static final int DECIMAL_FRACTION_DIGITS = 2;

    private final String name;
    private final FieldType type;
    private final EnumType enumType;
    boolean required;
    boolean unique;
    Integer minLength;
    Integer maxLength;
    BigDecimal min;
    BigDecimal max;
    String pattern;
    private Entity entity;
    /** A reference's target entity and its name ({@code customer} for the field {@code customerId}). */
    private String targetName;
    private Entity target;
    private String referenceName;

    Field(String name, FieldType type, EnumType enumType) {
        this.name = name;
        this.type = type;
        this.enumType = enumType;
    }

    void setEntity(Entity entity) {
        this.entity = entity;
    }

    /** A reference named {@code name} (the field is {@code <name>Id}) to the entity {@code target}. */
    static Field reference(String name, String targetName, boolean required) {
        Field field = new Field(name + "Id", FieldType.REFERENCE, null);
        field.referenceName = name;
        field.targetName = targetName;
        field.required = required;
        return field;
    }

    void resolveTarget(Entity target) {
        this.target = target;
    }

    /** The entity the field belongs to. */
    public Entity getEntity() {
        return entity;
    }

    public boolean isReference() {
        return type == FieldType.REFERENCE;
    }

    /** The entity a reference points to; null for other fields. */
    public Entity getTarget() {
        return target;
    }

    String getTargetName() {
        return targetName;
    }

    /** {@code customer} for the reference field {@code customerId}. */
    public String getReferenceName() {
        return referenceName;
    }

    /** The foreign key constraint's name, {@code fk__<table>__<column>}: deleting what it points to is a 409. */
    public String getForeignKey() {
        return "fk__" + entity.getTableName() + "__" + getColumnName();
    }

    // ----- names -----

    public String getName() {
        return name;
    }

    /** {@code dueDate} as {@code DueDate}, for method names. */
    public String getCapitalized() {
        return Names.capitalize(name);
    }

    /** {@code dueDate} as {@code due date}, for messages. */
    public String getLabel() {
        return Names.words(name);
    }

    /** {@code dueDate} as {@code DUE_DATE}, for constants. */
    public String getConstant() {
        return Names.snake(name).toUpperCase(java.util.Locale.ROOT);
    }

    /** {@code dueDate} as {@code due-date}, for event types and paths. */
    public String getKebab() {
        return Names.snake(name).replace('_', '-');
    }

    /** The column name, unquoted: {@code due_date}. */
    public String getColumnName() {
        return Names.snake(name);
    }

    /** The column as SQL writes it: quoted when it is a reserved word ({@code "order"}). */
    public String getColumn() {
        return Names.SQL_RESERVED.contains(getColumnName()) ? '"' + getColumnName() + '"' : getColumnName();
    }

    // ----- types -----

    /** The type as the description wrote it: {@code String}, {@code Category{BOOKS|GAMES}}. */
    public String getJdlType() {
        return type == FieldType.ENUM ? enumType.getName() : type == FieldType.REFERENCE ? targetName : type.jdl;
    }

    public String getJavaType() {
        return type == FieldType.ENUM ? enumType.getName() : type.javaType;
    }

    /** The import the Java type needs, or null ({@code java.time.LocalDate}). */
    public String getJavaImport() {
        return type.javaImport;
    }

    public EnumType getEnumType() {
        return enumType;
    }

    public boolean isRequired() {
        return required;
    }

    public boolean isUnique() {
        return unique;
    }

    /** String or TextBlob. */
    public boolean isText() {
        return type.isText();
    }

    public boolean isString() {
        return type == FieldType.STRING;
    }

    public boolean isTextBlob() {
        return type == FieldType.TEXT_BLOB;
    }

    public boolean isNumber() {
        return type.isNumber();
    }

    /** Integer or Long. */
    public boolean isIntegral() {
        return type == FieldType.INTEGER || type == FieldType.LONG;
    }

    /** BigDecimal or Double. */
    public boolean isDecimal() {
        return type == FieldType.BIG_DECIMAL || type == FieldType.DOUBLE;
    }

    public boolean isBigDecimal() {
        return type == FieldType.BIG_DECIMAL;
    }

    public boolean isBoolean() {
        return type == FieldType.BOOLEAN;
    }

    public boolean isDate() {
        return type == FieldType.LOCAL_DATE;
    }

    public boolean isInstant() {
        return type == FieldType.INSTANT;
    }

    /** LocalDate or Instant. */
    public boolean isTemporal() {
        return type.isTemporal();
    }

    public boolean isEnum() {
        return type == FieldType.ENUM;
    }

    public boolean isUuid() {
        return type == FieldType.UUID;
    }

    // ----- validations -----

    public Integer getMinLength() {
        return minLength;
    }

    /** maxlength, or 255 for a String without one; null for a TextBlob without one. */
    public Integer getMaxLength() {
        return maxLength == null && type == FieldType.STRING ? Integer.valueOf(DEFAULT_STRING_LENGTH) : maxLength;
    }

    public String getMin() {
        return min == null ? null : min.toPlainString();
    }

    public String getMax() {
        return max == null ? null : max.toPlainString();
    }

    public String getPattern() {
        return pattern;
    }

    /** The Bean Validation annotations of the field in the create and update requests, on one line. */
    public String getConstraints() {
        List<String> out = new ArrayList<>();
        if (required) {
            out.add(isText() ? "@NotBlank" : "@NotNull");
        }
        Integer maxLen = getMaxLength();
        if (minLength != null && maxLen != null) {
            out.add("@Size(min = " + minLength + ", max = " + maxLen + ")");
        } else if (minLength != null) {
            out.add("@Size(min = " + minLength + ")");
        } else if (maxLen != null) {
            out.add("@Size(max = " + maxLen + ")");
        }
        if (pattern != null) {
            out.add("@Pattern(regexp = \"" + Names.javaString(pattern) + "\")");
        }
        if (isIntegral()) {
            if (min != null) {
                out.add("@Min(" + min.toPlainString() + (type == FieldType.LONG ? "L" : "") + ")");
            }
            if (max != null) {
                out.add("@Max(" + max.toPlainString() + (type == FieldType.LONG ? "L" : "") + ")");
            }
        }
        if (isDecimal()) {
            if (min != null) {
                out.add("@DecimalMin(\"" + min.toPlainString() + "\")");
            }
            if (max != null) {
                out.add("@DecimalMax(\"" + max.toPlainString() + "\")");
            }
        }
        if (isBigDecimal()) {
            out.add("@Digits(integer = " + DECIMAL_INTEGER_DIGITS + ", fraction = " + DECIMAL_FRACTION_DIGITS + ")");
        }
        return String.join(" ", out);
    }

    /** The field in a request record: its OpenAPI example, constraints, type and name ({@code @Schema(example = "Name 1") @NotBlank String name}). */
    public String getDeclaration() {
        String constraints = getConstraints();
        return "@Schema(example = \"" + getExample() + "\") " + (constraints.isEmpty() ? "" : constraints + " ") + getJavaType() + " " + name;
    }

    /** The OpenAPI example of the field (its first sample value), as the body of a Java string literal. */
    public String getExample() {
        return Names.javaString(sampleText(1));
    }

    /** The field in a record with its OpenAPI example: {@code @Schema(example = "Name 1") String name}. */
    public String getDocumented() {
        return "@Schema(example = \"" + getExample() + "\") " + getJavaType() + " " + name;
    }

    /** The imports {@link #getConstraints()} needs. */
    public Set<String> getConstraintImports() {
        Set<String> out = new TreeSet<>();
        for (String annotation : getConstraints().split(" ")) {
            if (annotation.startsWith("@")) {
                String simple = annotation.substring(1).replaceAll("\\(.*", "");
                out.add("jakarta.validation.constraints." + simple);
            }
        }
        return out;
    }

    // ----- PostgreSQL -----

    public String getSqlType() {
        return switch (type) {
            case STRING -> "varchar(" + getMaxLength() + ")";
            case ENUM -> "varchar(" + enumType.getMaxLength() + ")";
            default -> type.sqlType;
        };
    }

    /** The column in CREATE TABLE: {@code price numeric(21, 2) not null}. */
    public String getSqlDefinition() {
        return getColumn() + " " + getSqlType() + (required ? " not null" : "");
    }

    /** The CHECK expressions of the column (lengths, bounds, enum values); empty when there is none. */
    public List<String> getSqlChecks() {
        List<String> out = new ArrayList<>();
        if (minLength != null && minLength > 0) {
            out.add("char_length(" + getColumn() + ") >= " + minLength);
        }
        if (type == FieldType.TEXT_BLOB && maxLength != null) {
            out.add("char_length(" + getColumn() + ") <= " + maxLength);
        }
        if (min != null) {
            out.add(getColumn() + " >= " + min.toPlainString());
        }
        if (max != null) {
            out.add(getColumn() + " <= " + max.toPlainString());
        }
        if (isEnum()) {
            out.add(getColumn() + " in (" + enumType.getSqlValues() + ")");
        }
        return out;
    }

    /** The JPA mapping annotations of the entity's field, on one line. */
    public String getColumnAnnotation() {
        List<String> attributes = new ArrayList<>();
        attributes.add("name = \"" + Names.javaString(getColumn()) + "\"");
        if (required) {
            attributes.add("nullable = false");
        }
        switch (type) {
            case STRING -> attributes.add("length = " + getMaxLength());
            case ENUM -> attributes.add("length = " + enumType.getMaxLength());
            case TEXT_BLOB -> attributes.add("columnDefinition = \"text\"");
            case BIG_DECIMAL -> {
                attributes.add("precision = " + (DECIMAL_INTEGER_DIGITS + DECIMAL_FRACTION_DIGITS));
                attributes.add("scale = " + DECIMAL_FRACTION_DIGITS);
            }
            default -> { }
        }
        String column = "@Column(" + String.join(", ", attributes) + ")";
        return isEnum() ? "@Enumerated(EnumType.STRING) " + column : column;
    }

    /** The unique constraint's name, {@code uq__<table>__<column>}: the data service names the field of a 409 from it. */
    public String getUniqueConstraint() {
        return "uq__" + entity.getTableName() + "__" + getColumnName();
    }

    // ----- list API -----

    /** Every field but a TextBlob can be sorted on. */
    public boolean isSortable() {
        return type != FieldType.TEXT_BLOB;
    }

    /** {@code equal} (enums, booleans), {@code range} (numbers, dates, instants) or null: no filter. */
    public String getFilter() {
        if (isEnum() || isBoolean() || isReference()) {
            return "equal";
        }
        if (isNumber() || isTemporal()) {
            return "range";
        }
        return null;
    }

    /** The query parameters of the filter: {@code status}, or {@code priceFrom} and {@code priceTo} (both inclusive). */
    public List<String> getFilterParams() {
        String filter = getFilter();
        if (filter == null) {
            return List.of();
        }
        return filter.equals("equal") ? List.of(name) : List.of(name + "From", name + "To");
    }

    /** The regular expression a filter parameter's text must match, as the body of a Java string literal. */
    public String getParamPattern() {
        String regex = switch (type) {
            case ENUM -> enumType.getPattern();
            case BOOLEAN -> "^(true|false)$";
            case INTEGER -> "^-?\\d{1,9}$";
            case LONG -> "^-?\\d{1,18}$";
            case REFERENCE -> "^\\d{1,18}$";
            case BIG_DECIMAL, DOUBLE -> "^-?\\d{1,15}(\\.\\d{1,6})?$";
            case LOCAL_DATE -> "^\\d{4}-\\d{2}-\\d{2}$";
            case INSTANT -> "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?Z$";
            default -> null;
        };
        return regex == null ? null : Names.javaString(regex);
    }

    /** What the message of a bad filter parameter says it must be. */
    public String getParamRule() {
        return switch (type) {
            case ENUM -> "one of " + enumType.getValueList();
            case BOOLEAN -> "true or false";
            case INTEGER, LONG -> "a whole number";
            case REFERENCE -> "the id of a " + Names.words(targetName);
            case BIG_DECIMAL, DOUBLE -> "a number like 12.5";
            case LOCAL_DATE -> "a date like 2030-12-31";
            case INSTANT -> "an instant like 2030-12-31T23:59:00Z";
            default -> null;
        };
    }

    /** A Java expression turning the filter parameter {@code variable} (a checked String) into the field's type. */
    public String parse(String variable) {
        return switch (type) {
            case ENUM -> enumType.getName() + ".valueOf(" + variable + ")";
            case BOOLEAN -> "Boolean.valueOf(" + variable + ")";
            case INTEGER -> "Integer.valueOf(" + variable + ")";
            case LONG, REFERENCE -> "Long.valueOf(" + variable + ")";
            case BIG_DECIMAL -> "new BigDecimal(" + variable + ")";
            case DOUBLE -> "Double.valueOf(" + variable + ")";
            case LOCAL_DATE -> "LocalDate.parse(" + variable + ")";
            case INSTANT -> "Instant.parse(" + variable + ")";
            default -> variable;
        };
    }

    // ----- sample values for the generated tests -----

    /** A valid value number {@code n} (1, 2, 3...), as a Java expression a JSON body map can hold. */
    public String sample(int n) {
        return switch (type) {
            case STRING, TEXT_BLOB, LOCAL_DATE, INSTANT, UUID, ENUM -> '"' + Names.javaString(sampleText(n)) + '"';
            case BOOLEAN -> String.valueOf(n % 2 == 1);
            case INTEGER, LONG -> sampleNumber(n).toPlainString();
            case BIG_DECIMAL, DOUBLE -> sampleNumber(n).toPlainString() + "d";
            case REFERENCE -> n + "L";
        };
    }

    /** The value {@link #sample(int)} reads back from JSON with RestAssured (floats for decimals). */
    public String sampleMatch(int n) {
        return switch (type) {
            case BIG_DECIMAL, DOUBLE -> sampleNumber(n).toPlainString() + "f";
            case REFERENCE -> String.valueOf(n);
            default -> sample(n);
        };
    }

    /** The value number {@code n} as text: a query parameter, or what a bot line shows. */
    public String sampleText(int n) {
        return switch (type) {
            case STRING -> sampleString(n);
            case TEXT_BLOB -> pattern != null ? sampleString(n) : fit("Some notes on " + getLabel() + " " + n, n);
            case BOOLEAN -> String.valueOf(n % 2 == 1);
            case INTEGER, LONG, BIG_DECIMAL, DOUBLE -> sampleNumber(n).toPlainString();
            case LOCAL_DATE -> "2030-01-" + (n < 10 ? "0" : "") + n;
            case INSTANT -> "2030-01-" + (n < 10 ? "0" : "") + n + "T10:15:30Z";
            case UUID -> "00000000-0000-4000-8000-" + String.format("%012d", n);
            case ENUM -> enumType.getValues().get((n - 1) % enumType.getValues().size());
            case REFERENCE -> String.valueOf(n);
        };
    }

    private String sampleString(int n) {
        if (pattern != null) {
            String found = RegexSample.find(Pattern.compile(pattern), n, minLength == null ? 0 : minLength, getMaxLength());
            if (found == null) {
                throw new DomainException("Field '" + name + "': no value of length " + (minLength == null ? 0 : minLength) + " to "
                        + getMaxLength() + " matching pattern(" + pattern + ") could be derived for the generated tests."
                        + " Simplify the pattern (character classes, quantifiers, groups and alternatives are supported).");
            }
            return found;
        }
        return fit(getCapitalized() + " " + n, n);
    }

    /** The text cut to maxlength and padded to minlength, keeping the number at its end. */
    private String fit(String text, int n) {
        Integer maxLen = getMaxLength();
        String suffix = String.valueOf(n);
        if (maxLen != null && text.length() > maxLen) {
            text = text.substring(0, Math.max(0, maxLen - suffix.length())) + suffix;
            if (text.length() > maxLen) {
                text = text.substring(text.length() - maxLen);
            }
        }
        while (minLength != null && text.length() < minLength) {
            text = "x" + text;
        }
        return text;
    }

    /**
     * Value number {@code n} within min and max, growing with {@code n}: 10, 20, 30 past min (or before max), or spread
     * over a narrower range; decimals get a fraction (.5) where the range leaves room.
     */
    private BigDecimal sampleNumber(int n) {
        BigDecimal offset = isDecimal() ? new BigDecimal("0.5") : BigDecimal.ZERO;
        BigDecimal value;
        if (min == null && max == null) {
            value = BigDecimal.valueOf(10L * n).add(offset);
        } else if (max == null) {
            value = min.add(BigDecimal.valueOf(10L * n)).add(offset);
        } else if (min == null) {
            value = max.subtract(BigDecimal.valueOf(10L * (4 - n))).subtract(offset);
        } else {
            BigDecimal span = max.subtract(min);
            if (span.compareTo(BigDecimal.valueOf(40)) >= 0) {
                value = min.add(BigDecimal.valueOf(10L * n)).add(offset);
            } else if (isIntegral()) {
                BigDecimal step = span.divideToIntegralValue(BigDecimal.valueOf(4)).max(BigDecimal.ONE);
                value = min.add(step.multiply(BigDecimal.valueOf(n - 1L))).min(max);
            } else {
                value = min.add(span.multiply(BigDecimal.valueOf(n)).divide(BigDecimal.valueOf(4), 2, java.math.RoundingMode.DOWN));
            }
        }
        value = value.stripTrailingZeros();
        return value.scale() < 0 ? value.setScale(0) : value;
    }

    /**
     * One invalid value for each validation of the field (and for its type), each with the rule it breaks:
     * the generated tests send each once and expect 400 naming the field.
     */
    public List<Invalid> getInvalidSamples() {
        List<Invalid> out = new ArrayList<>();
        if (required) {
            out.add(new Invalid("null", "required"));
            if (isText()) {
                out.add(new Invalid("\" \"", "required (blank)"));
            }
        }
        if (minLength != null && minLength > 1) {
            out.add(new Invalid("\"" + "x".repeat(minLength - 1) + "\"", "minlength(" + minLength + ")"));
        }
        if (getMaxLength() != null) {
            out.add(new Invalid("\"x\".repeat(" + (getMaxLength() + 1) + ")", "maxlength(" + getMaxLength() + ")"));
        }
        if (pattern != null) {
            Pattern compiled = Pattern.compile(pattern);
            for (String candidate : List.of("!", "~~", "0", "a", "A", "x-x", " ", "!!!!!!!!")) {
                int len = candidate.length();
                if (!compiled.matcher(candidate).matches() && (minLength == null || len >= minLength)
                        && (getMaxLength() == null || len <= getMaxLength()) && !(required && candidate.isBlank())) {
                    out.add(new Invalid("\"" + Names.javaString(candidate) + "\"", "pattern(" + pattern + ")"));
                    break;
                }
            }
        }
        if (min != null && isNumber()) {
            out.add(new Invalid(number(min.subtract(BigDecimal.ONE)), "min(" + getMin() + ")"));
        }
        if (max != null && isNumber()) {
            out.add(new Invalid(number(max.add(BigDecimal.ONE)), "max(" + getMax() + ")"));
        }
        switch (type) {
            case ENUM -> out.add(new Invalid("\"NOT_A_" + enumType.getName().toUpperCase() + "\"", "one of " + enumType.getValueList()));
            case INTEGER, LONG, BIG_DECIMAL, DOUBLE -> out.add(new Invalid("\"twelve\"", "a number"));
            case BOOLEAN -> out.add(new Invalid("\"maybe\"", "true or false"));
            case LOCAL_DATE -> out.add(new Invalid("\"2030-02-30\"", "a calendar date"));
            case INSTANT -> out.add(new Invalid("\"2030-13-01T00:00:00Z\"", "an instant"));
            case UUID -> out.add(new Invalid("\"not-a-uuid\"", "a UUID"));
            case REFERENCE -> out.add(new Invalid("\"twelve\"", "an id"));
            default -> { }
        }
        if (isBigDecimal()) {
            out.add(new Invalid("1.125d", "at most " + DECIMAL_FRACTION_DIGITS + " decimals"));
        }
        return out;
    }

    private String number(BigDecimal value) {
        return isDecimal() ? value.toPlainString() + "d" : value.toPlainString() + (type == FieldType.LONG ? "L" : "");
    }

    /** An invalid sample value and the rule it breaks. */
    public static final class Invalid {
        private final String value;
        private final String rule;

        Invalid(String value, String rule) {
            this.value = value;
            this.rule = rule;
        }

        /** A Java expression, or {@code null} for a missing value. */
        public String getValue() {
            return value;
        }

        public String getRule() {
            return rule;
        }

        /** The rule as the body of a Java string literal. */
        public String getRuleJava() {
            return Names.javaString(rule);
        }
    }
}

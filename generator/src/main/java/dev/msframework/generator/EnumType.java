package dev.msframework.generator;

import java.util.List;

/** An enumeration of the domain: a Java enum in the contracts, a CHECK-constrained column in PostgreSQL. */
public final class EnumType {

    private final String name;
    private final List<String> values;

    EnumType(String name, List<String> values) {
        this.name = name;
        this.values = List.copyOf(values);
    }

    public String getName() {
        return name;
    }

    public List<String> getValues() {
        return values;
    }

    /** The values as {@code A, B, C}, as error messages list them. */
    public String getValueList() {
        return String.join(", ", values);
    }

    /** The values as a regular expression {@code ^(A|B|C)$}, for query parameters. */
    public String getPattern() {
        return "^(" + String.join("|", values) + ")$";
    }

    /** The longest value: the column is as wide. */
    public int getMaxLength() {
        return values.stream().mapToInt(String::length).max().orElse(1);
    }

    /** The SQL list of the values, for the CHECK constraint: {@code 'A', 'B'}. */
    public String getSqlValues() {
        return String.join(", ", values.stream().map(v -> "'" + v + "'").toList());
    }
}

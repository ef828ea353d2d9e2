package dev.msframework.generator;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The JDL field types a description may use, and what each becomes in Java and PostgreSQL. */
public enum FieldType {
    STRING("String", "String", null, "varchar"),
    TEXT_BLOB("TextBlob", "String", null, "text"),
    INTEGER("Integer", "Integer", null, "integer"),
    LONG("Long", "Long", null, "bigint"),
    BIG_DECIMAL("BigDecimal", "BigDecimal", "java.math.BigDecimal", "numeric(21, 2)"),
    DOUBLE("Double", "Double", null, "double precision"),
    BOOLEAN("Boolean", "Boolean", null, "boolean"),
    LOCAL_DATE("LocalDate", "LocalDate", "java.time.LocalDate", "date"),
    INSTANT("Instant", "Instant", "java.time.Instant", "timestamp with time zone"),
    UUID("UUID", "UUID", "java.util.UUID", "uuid"),
    ENUM("enum", null, null, "varchar"),
    /** A many-to-one reference to another entity: its id. */
    REFERENCE("reference", "Long", null, "bigint");

    /** The JDL names of the scalar types, in the order the documentation lists them. */
    public static final String NAMES = "String, TextBlob, Integer, Long, BigDecimal, Double, Boolean, LocalDate, Instant, UUID";

    final String jdl;
    final String javaType;
    final String javaImport;
    final String sqlType;

    FieldType(String jdl, String javaType, String javaImport, String sqlType) {
        this.jdl = jdl;
        this.javaType = javaType;
        this.javaImport = javaImport;
        this.sqlType = sqlType;
    }

    static Optional<FieldType> ofJdl(String name) {
        return Arrays.stream(values()).filter(t -> t != ENUM && t != REFERENCE && t.jdl.equals(name)).findFirst();
    }

    /** A JDL type name written in another case (e.g. "string" or "localdate"), for a helpful message. */
    static Optional<FieldType> ofJdlIgnoringCase(String name) {
        return Arrays.stream(values()).filter(t -> t != ENUM && t != REFERENCE && t.jdl.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))).findFirst();
    }

    boolean isText() {
        return this == STRING || this == TEXT_BLOB;
    }

    boolean isNumber() {
        return Set.of(INTEGER, LONG, BIG_DECIMAL, DOUBLE).contains(this);
    }

    boolean isTemporal() {
        return this == LOCAL_DATE || this == INSTANT;
    }
}

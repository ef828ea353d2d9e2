package dev.msframework.generator;

/**
 * A many-to-one reference of the domain: {@code from} holds {@code name} (its column {@code <name>_id}), which points to
 * an entity {@code to}. Written in JDL as a field whose type is an entity, {@code relationship ManyToOne { From{name} to To }}
 * or {@code relationship OneToMany { To{list} to From{name} }}.
 */
public final class Reference {

    private final String from;
    private final String name;
    private final String to;
    private final boolean required;
    private final int line;

    Reference(String from, String name, String to, boolean required, int line) {
        this.from = from;
        this.name = name;
        this.to = to;
        this.required = required;
        this.line = line;
    }

    public String getFrom() {
        return from;
    }

    /** The reference's name ({@code customer}); the DTOs carry {@code customerId}. */
    public String getName() {
        return name;
    }

    public String getTo() {
        return to;
    }

    public boolean isRequired() {
        return required;
    }

    /** The line of the JDL file that declares it. */
    public int getLine() {
        return line;
    }

    @Override
    public String toString() {
        return from + "." + name + " -> " + to + (required ? " (required)" : "");
    }
}

package dev.msframework.generator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** An entity of the domain and its fields, with what the templates derive from them as a whole. */
public final class Entity {

    private final String name;
    private final String plural;
    private final List<Field> fields;

    Entity(String name, String plural, List<Field> fields) {
        this.name = name;
        this.plural = plural;
        this.fields = List.copyOf(fields);
        this.fields.forEach(f -> f.setEntity(this));
    }

    // ----- names (the same derivations as the archetype properties of the same names) -----

    /** {@code Product}. */
    public String getName() {
        return name;
    }

    /** {@code Products}. */
    public String getPlural() {
        return plural;
    }

    /** {@code product}. */
    public String getVar() {
        return Names.decapitalize(name);
    }

    /** {@code order-lines}: the REST path segment. */
    public String getResourcePath() {
        return plural.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** {@code order_lines}. */
    public String getTableName() {
        return Names.snake(plural);
    }

    /** {@code order-line}: the prefix of event types. */
    public String getEventPrefix() {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** {@code order line}, for messages. */
    public String getLabel() {
        return Names.words(name);
    }

    // ----- fields -----

    public List<Field> getFields() {
        return fields;
    }

    /** The enumerations the fields use, each once. */
    public List<EnumType> getEnums() {
        Map<String, EnumType> out = new LinkedHashMap<>();
        fields.stream().map(Field::getEnumType).filter(Objects::nonNull).forEach(e -> out.putIfAbsent(e.getName(), e));
        return new ArrayList<>(out.values());
    }

    /** The imports of the fields' Java types (java.time, java.math, java.util), sorted. */
    public Set<String> getJavaImports() {
        return fields.stream().map(Field::getJavaImport).filter(Objects::nonNull).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The Bean Validation imports of the create and update requests. */
    public Set<String> getConstraintImports() {
        Set<String> out = new TreeSet<>();
        fields.forEach(f -> out.addAll(f.getConstraintImports()));
        return out;
    }

    public List<Field> getSortableFields() {
        return fields.stream().filter(Field::isSortable).toList();
    }

    /** The sort fields of the list: {@code id|name|price|createdAt|updatedAt}. */
    public String getSortFields() {
        List<String> names = new ArrayList<>();
        names.add("id");
        getSortableFields().forEach(f -> names.add(f.getName()));
        names.add("createdAt");
        names.add("updatedAt");
        return String.join("|", names);
    }

    public List<Field> getFilterFields() {
        return fields.stream().filter(f -> f.getFilter() != null).toList();
    }

    /** The many-to-one references: fields {@code <name>Id} holding the id of another entity. */
    public List<Field> getReferenceFields() {
        return fields.stream().filter(Field::isReference).toList();
    }

    public List<Field> getUniqueFields() {
        return fields.stream().filter(Field::isUnique).toList();
    }

    public List<Field> getRequiredFields() {
        return fields.stream().filter(Field::isRequired).toList();
    }

    /** The imports the filters need to parse their parameters. */
    public Set<String> getFilterImports() {
        return getFilterFields().stream().map(Field::getJavaImport).filter(Objects::nonNull)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The fields a one-line summary shows (a bot message): the first three that are not TextBlobs. */
    public List<Field> getSummaryFields() {
        return fields.stream().filter(f -> !f.isTextBlob()).limit(3).toList();
    }

    /**
     * The field {@code /new <text>} of the bot fills: the one required text field, when every other required field is an
     * enum (it takes its first value); null when the entity cannot be created from one line of text.
     */
    public Field getCreateTextField() {
        List<Field> requiredText = fields.stream().filter(f -> f.isRequired() && f.isText()).toList();
        boolean othersFillable = fields.stream().filter(f -> f.isRequired() && !f.isText()).allMatch(Field::isEnum);
        return requiredText.size() == 1 && othersFillable ? requiredText.get(0) : null;
    }

    /** The first LocalDate or Instant field: the worker's scheduled job is about it. Null when there is none. */
    public Field getDateField() {
        return fields.stream().filter(Field::isTemporal).findFirst().orElse(null);
    }

    /** The field an example or a line of text shows first: the first String, or else the first field that is not a reference. */
    public Field getTitleField() {
        return fields.stream().filter(Field::isString).findFirst()
                .orElse(fields.stream().filter(f -> !f.isReference()).findFirst().orElse(fields.get(0)));
    }
}

package dev.msframework.generator;

import java.util.List;

/** The entities of a generated system. */
public final class Domain {

    private final List<Entity> entities;

    Domain(List<Entity> entities) {
        this.entities = List.copyOf(entities);
    }

    public List<Entity> getEntities() {
        return entities;
    }

    /** The entity named by the {@code entity} property (the first). */
    public Entity getPrimary() {
        return entities.get(0);
    }

    /** The reference fields of every entity that point to {@code target}. */
    public List<Field> referencesTo(Entity target) {
        return entities.stream().flatMap(e -> e.getReferenceFields().stream()).filter(f -> f.getTarget() == target).toList();
    }
}

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

    /** The entities in an order where every referenced entity comes before those that reference it (CREATE TABLE). */
    public List<Entity> getOrderedEntities() {
        List<Entity> ordered = new java.util.ArrayList<>();
        while (ordered.size() < entities.size()) {
            int before = ordered.size();
            for (Entity e : entities) {
                if (!ordered.contains(e) && e.getReferenceFields().stream()
                        .allMatch(f -> f.getTarget() == e || ordered.contains(f.getTarget()))) {
                    ordered.add(e);
                }
            }
            if (ordered.size() == before) {
                // a cycle of optional references: the rest in declaration order
                entities.stream().filter(e -> !ordered.contains(e)).forEach(ordered::add);
            }
        }
        return ordered;
    }

    /** The reference fields of every entity that point to {@code target}. */
    public List<Field> referencesTo(Entity target) {
        return entities.stream().flatMap(e -> e.getReferenceFields().stream()).filter(f -> f.getTarget() == target).toList();
    }
}

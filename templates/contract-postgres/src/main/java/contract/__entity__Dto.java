package ${package}.contract;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A ${entity} as the data service returns it.
 *
 * @param version optimistic-locking version: send it back with an update; a stale one gets 409
 */
public record ${entity}Dto(
        Long id,
        String title,
        String description,
        ${entity}Status status,
        LocalDate dueDate,
        Instant createdAt,
        Instant updatedAt,
        long version) {
}

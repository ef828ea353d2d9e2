package ${package}.contract;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of the activity log of a ${entity}, as the data-mongo service returns it.
 *
 * @param id         document id (24 hex digits)
 * @param ${entityVar}Id the ${entity} the activity belongs to
 * @param type       what happened, e.g. {@code ${eventPrefix}.created}
 * @param actor      who did it (user name, service name), if known
 * @param occurredAt when it happened
 * @param details    free-form details
 * @param eventId    id of the event the activity was recorded from, if any (unique)
 */
public record ${entity}ActivityDto(
        String id,
        Long ${entityVar}Id,
        String type,
        String actor,
        Instant occurredAt,
        Map<String, Object> details,
        String eventId) {
}

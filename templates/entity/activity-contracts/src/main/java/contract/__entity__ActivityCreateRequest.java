package ${package}.contract;

import java.time.Instant;
import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/${activityPath}}. {@code occurredAt} defaults to now. A second request with the
 * same {@code eventId} is a conflict (409), which makes recording an event idempotent.
 */
public record ${entity}ActivityCreateRequest(
        @NotNull @Positive Long ${entityVar}Id,
        @NotBlank @Size(max = 100)
        @Pattern(regexp = ${entity}ActivityApi.TYPE_PATTERN, message = "must be lower-case words joined by '.', '-' or '_', like ${eventPrefix}.created") String type,
        @Size(max = 100) String actor,
        Instant occurredAt,
        @Size(max = 50, message = "must have at most 50 entries") Map<String, Object> details,
        @Size(max = 100) String eventId) {
}

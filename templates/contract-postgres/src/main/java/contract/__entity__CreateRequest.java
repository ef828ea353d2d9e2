package ${package}.contract;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/v1/${resourcePath}}; {@code status} defaults to OPEN. */
public record ${entity}CreateRequest(
        @NotBlank @Size(max = 200) String title,
        @Size(max = 2000) String description,
        ${entity}Status status,
        LocalDate dueDate) {
}

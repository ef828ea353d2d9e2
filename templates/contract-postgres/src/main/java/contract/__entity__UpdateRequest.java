package ${package}.contract;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of {@code PUT /api/v1/${resourcePath}/{id}}: the whole ${entity} plus the version it was read at. */
public record ${entity}UpdateRequest(
        @NotBlank @Size(max = 200) String title,
        @Size(max = 2000) String description,
        @NotNull ${entity}Status status,
        LocalDate dueDate,
        @NotNull Long version) {
}

package ${package}.rest;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.hibernate.StaleObjectStateException;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.msframework.problem.Problem;

/** Database outcomes as problem+json: lost races and constraint violations are conflicts (409). */
public class PersistenceProblemMappers {

    /** Unique constraints are named {@code uq__<table>__<column>} (db/migration): the column names the field. */
    private static final Pattern UNIQUE = Pattern.compile("^uq__[a-z0-9_]+?__([a-z0-9_]+)$");
    /** Foreign keys are named {@code fk__<table>__<column>}: a row of that table still refers to the one being deleted. */
    private static final Pattern FOREIGN_KEY = Pattern.compile("^fk__([a-z0-9_]+?)__([a-z0-9_]+)$");

    @ServerExceptionMapper({ OptimisticLockException.class, StaleObjectStateException.class })
    public Response concurrentUpdate(RuntimeException e, UriInfo uri) {
        return Problem.of(409, "The resource was changed by another request meanwhile. Read it again and retry.",
                "/" + uri.getPath().replaceFirst("^/", "")).toResponse();
    }

    @ServerExceptionMapper
    public Response constraint(ConstraintViolationException e, UriInfo uri) {
        String instance = "/" + uri.getPath().replaceFirst("^/", "");
        String name = e.getConstraintName() == null ? "" : e.getConstraintName().toLowerCase();
        Matcher unique = UNIQUE.matcher(name);
        if (unique.matches()) {
            String field = camelCase(unique.group(1));
            return Problem.of(409, "Another resource has the same " + field + ": it must be unique.", instance)
                    .withErrors(List.of(new Problem.FieldError(field, "must be unique"))).toResponse();
        }
        Matcher foreignKey = FOREIGN_KEY.matcher(name);
        if (foreignKey.matches()) {
            return Problem.of(409, "Rows of " + foreignKey.group(1) + " refer to it (" + foreignKey.group(1) + "." + foreignKey.group(2)
                    + "): delete or change them first.", instance).toResponse();
        }
        return Problem.of(409, "The request conflicts with existing data (" + e.getConstraintName() + ").", instance).toResponse();
    }

    /** {@code created_at} to {@code createdAt}. */
    static String camelCase(String column) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : column.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}

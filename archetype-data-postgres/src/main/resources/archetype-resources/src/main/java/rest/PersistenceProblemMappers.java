package ${package}.rest;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.hibernate.StaleObjectStateException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.DataException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.msframework.problem.Problem;

/**
 * Database outcomes as problem+json: lost races and duplicates are conflicts (409); a value the database refuses (a
 * check constraint, a value it cannot store) is the client's error (400), never a 500. The contract's validation
 * refuses such values first; these mappers hold when a rule of the schema is stricter than the contract's.
 */
public class PersistenceProblemMappers {

    /** Unique constraints are named {@code uq__<table>__<column>} (db/migration): the column names the field. */
    private static final Pattern UNIQUE = Pattern.compile("^uq__[a-z0-9_]+?__([a-z0-9_]+)$");
    /** Foreign keys are named {@code fk__<table>__<column>}: a row of that table still refers to the one being deleted. */
    private static final Pattern FOREIGN_KEY = Pattern.compile("^fk__([a-z0-9_]+?)__([a-z0-9_]+)$");
    /** Check constraints are named {@code ck__<table>__<column>}, {@code __2} and on when a column has several. */
    private static final Pattern CHECK = Pattern.compile("^ck__[a-z0-9_]+?__([a-z0-9_]+?)(__[0-9]+)?$");

    @ServerExceptionMapper({ OptimisticLockException.class, StaleObjectStateException.class })
    public Response concurrentUpdate(RuntimeException e, UriInfo uri) {
        return Problem.of(409, "The resource was changed by another request meanwhile. Read it again and retry.",
                instance(uri)).toResponse();
    }

    @ServerExceptionMapper
    public Response constraint(ConstraintViolationException e, UriInfo uri) {
        String instance = instance(uri);
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
        Matcher check = CHECK.matcher(name);
        if (check.matches()) {
            String field = camelCase(check.group(1));
            return Problem.invalid("The request has a value the database refuses (" + e.getConstraintName() + ").", instance,
                    List.of(new Problem.FieldError(field, "breaks the rule " + e.getConstraintName()))).toResponse();
        }
        return Problem.of(409, "The request conflicts with existing data (" + e.getConstraintName() + ").", instance).toResponse();
    }

    /** A value the database cannot store (SQLSTATE class 22: out of range, invalid text): the client's error. */
    @ServerExceptionMapper
    public Response unstorable(DataException e, UriInfo uri) {
        String reason = e.getSQLException() == null ? e.getMessage() : e.getSQLException().getMessage();
        return Problem.invalid("The request has a value the database cannot store: "
                + (reason == null ? "" : reason.lines().findFirst().orElse("")), instance(uri), null)
                .toResponse();
    }

    /** The problem's instance: the request path. */
    private static String instance(UriInfo uri) {
        return "/" + uri.getPath().replaceFirst("^/", "");
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

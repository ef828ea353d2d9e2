package dev.msframework.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

class ProblemTest {

    @Test
    void ofIsAnAboutBlankProblemTitledWithTheReasonPhrase() {
        Problem problem = Problem.of(404, "No order 7.", "/orders/7");

        assertEquals(new Problem("about:blank", "Not Found", 404, "No order 7.", "/orders/7", null), problem);
    }

    @Test
    void invalidIsA400NamingTheFields() {
        List<Problem.FieldError> errors = List.of(new Problem.FieldError("title", "must not be blank"));

        Problem problem = Problem.invalid("The request has invalid fields.", "/orders", errors);

        assertEquals(400, problem.status());
        assertEquals("Bad Request", problem.title());
        assertEquals("about:blank", problem.type());
        assertEquals(errors, problem.errors());
    }

    @Test
    void withErrorsKeepsEverythingElse() {
        Problem conflict = Problem.of(409, "The code is taken.", "/orders");
        List<Problem.FieldError> errors = List.of(new Problem.FieldError("code", "already exists"));

        Problem named = conflict.withErrors(errors);

        assertEquals(new Problem("about:blank", "Conflict", 409, "The code is taken.", "/orders", errors), named);
        assertNull(conflict.errors());
    }

    @Test
    void reasonPhrases() {
        assertEquals("Bad Request", Problem.reasonPhrase(400));
        assertEquals("Conflict", Problem.reasonPhrase(409));
        assertEquals("Too Many Requests", Problem.reasonPhrase(429));
        assertEquals("Internal Server Error", Problem.reasonPhrase(500));
        assertEquals("Service Unavailable", Problem.reasonPhrase(503));
        // not in JAX-RS's list, answered by the API service for a reused idempotency key
        assertEquals("Unprocessable Content", Problem.reasonPhrase(422));
        // unknown codes: their class, in words
        assertEquals("Client Error", Problem.reasonPhrase(499));
        assertEquals("Server Error", Problem.reasonPhrase(599));
    }
}

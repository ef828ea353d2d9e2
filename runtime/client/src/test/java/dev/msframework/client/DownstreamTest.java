package dev.msframework.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import dev.msframework.problem.Problem;

/** How an answer of a data service becomes an exception (the responses here carry their entity already read). */
class DownstreamTest {

    @Test
    void aSuccessIsNoException() {
        assertNull(Downstream.toException(Downstream.DATA_POSTGRES, Response.ok("{}").build()));
        assertNull(Downstream.toException(Downstream.DATA_POSTGRES, Response.noContent().build()));
    }

    @Test
    void aProblemAnswerIsPassedOnWithItsProblem() {
        Problem problem = Problem.of(404, "No order 7.", "/orders/7")
                .withErrors(List.of(new Problem.FieldError("id", "unknown")));
        Response response = Response.status(404).type(Problem.MEDIA_TYPE).entity(problem).build();

        RuntimeException e = Downstream.toException(Downstream.DATA_MONGO, response);

        DownstreamProblemException rejected = assertInstanceOf(DownstreamProblemException.class, e);
        assertEquals(problem, rejected.problem());
        assertEquals(404, rejected.status());
        assertEquals(Downstream.DATA_MONGO, rejected.service());
    }

    @Test
    void aFourHundredWithoutAProblemKeepsOnlyItsStatus() {
        Response response = Response.status(409).type(MediaType.TEXT_PLAIN).entity("duplicate").build();

        DownstreamProblemException rejected = assertInstanceOf(DownstreamProblemException.class,
                Downstream.toException(Downstream.DATA_POSTGRES, response));

        assertEquals(Problem.of(409, null, null), rejected.problem());
    }

    @Test
    void aProblemOfAnotherStatusIsNotTrusted() {
        Response response = Response.status(400).type(Problem.MEDIA_TYPE).entity(Problem.of(404, "x", "/x")).build();

        DownstreamProblemException rejected = assertInstanceOf(DownstreamProblemException.class,
                Downstream.toException(Downstream.DATA_POSTGRES, response));

        assertEquals(Problem.of(400, null, null), rejected.problem());
    }

    @Test
    void aServerErrorMeansUnavailable() {
        for (int status : new int[] { 500, 502, 503, 504 }) {
            DownstreamUnavailableException e = assertInstanceOf(DownstreamUnavailableException.class,
                    Downstream.toException(Downstream.DATA_POSTGRES, Response.status(status).build()));
            assertEquals(status, e.status());
            assertEquals(Downstream.DATA_POSTGRES, e.service());
        }
    }
}

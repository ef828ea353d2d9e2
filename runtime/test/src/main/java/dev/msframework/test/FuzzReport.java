package dev.msframework.test;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.Response;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** What InputFuzz saw: the statuses, and the distinct failures (operation and status) with the shortest request of each. */
final class FuzzReport {

    private static final int FAILURES_SHOWN = 10;
    private static final int RESPONSE_SHOWN = 500;

    private record Failure(String request, String response, int count) {
    }

    private final long seed;
    private final Map<String, Integer> statuses = new TreeMap<>();
    private final Map<String, Failure> failures = new LinkedHashMap<>();
    private int requests;

    FuzzReport(long seed) {
        this.seed = seed;
    }

    /** Status below 500; a 4xx is application/problem+json whose status is the HTTP status. */
    void check(FuzzRequest request, Response response) {
        requests++;
        int status = response.statusCode();
        statuses.merge(String.valueOf(status), 1, Integer::sum);
        String contentType = response.contentType() == null ? "" : response.contentType();
        String problem = null;
        if (status >= 500) {
            problem = "server error";
        } else if (status >= 400 && !contentType.split(";")[0].trim().toLowerCase(Locale.ROOT).equals(RestChecks.PROBLEM)) {
            problem = "not " + RestChecks.PROBLEM;
        } else if (status >= 400 && !request.method().equals("HEAD") && problemStatus(response.asString()) != status) {
            problem = "problem status is not " + status;
        }
        if (problem != null) {
            fail(request.operation() + " -> " + status + " (" + problem + ")", request.toString(),
                    status + " " + contentType + "\n" + FuzzRequest.shorten(response.asString(), RESPONSE_SHOWN));
        }
    }

    /** A request that got no response at all (connection closed, reset, timed out). */
    void noResponse(FuzzRequest request, Exception e) {
        requests++;
        statuses.merge("no response", 1, Integer::sum);
        fail(request.operation() + " -> no response", request.toString(), e.toString());
    }

    /** After all requests: the service is still ready. */
    void checkReady(Response ready) {
        if (ready.statusCode() != 200) {
            fail("not ready after the requests: GET /q/health/ready -> " + ready.statusCode(), "GET /q/health/ready",
                    ready.statusCode() + " " + ready.contentType() + "\n" + FuzzRequest.shorten(ready.asString(), RESPONSE_SHOWN));
        }
    }

    /** Counts the failure; the shortest request that caused it is the one shown. */
    private void fail(String key, String request, String response) {
        failures.merge(key, new Failure(request, response, 1), (known, next) -> next.request().length() < known.request().length()
                ? new Failure(next.request(), next.response(), known.count() + 1)
                : new Failure(known.request(), known.response(), known.count() + 1));
    }

    private static int problemStatus(String body) {
        try {
            JsonNode status = FuzzValues.JSON.readTree(body).path("status");
            return status.isInt() ? status.intValue() : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    String summary(int operations) {
        return "InputFuzz: " + operations + " operations, " + requests + " requests, statuses " + statuses + ", seed " + seed;
    }

    void throwIfFailed() {
        if (failures.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder("InputFuzz: ").append(failures.size()).append(" distinct failure(s) in ")
                .append(requests).append(" requests (a response must be below 500, and a 4xx ").append(RestChecks.PROBLEM)
                .append(" with its status); seed ").append(seed).append(", rerun with -Dmsframework.fuzz.seed=").append(seed)
                .append(" (or .seed(").append(seed).append("L))\n");
        int shown = 0;
        for (Map.Entry<String, Failure> entry : failures.entrySet()) {
            if (++shown > FAILURES_SHOWN) {
                message.append("\n... and ").append(failures.size() - FAILURES_SHOWN).append(" more\n");
                break;
            }
            Failure failure = entry.getValue();
            message.append("\n").append(shown).append(". ").append(entry.getKey()).append(", ").append(failure.count())
                    .append(" request(s); the shortest:\n")
                    .append(indent("request:  ", failure.request())).append(indent("response: ", failure.response()));
        }
        throw new AssertionError(message.toString());
    }

    private static String indent(String label, String text) {
        String margin = " ".repeat(3 + label.length());
        return "   " + label + text.replace("\n", "\n" + margin).replace(margin + "\n", "\n").stripTrailing() + "\n";
    }
}

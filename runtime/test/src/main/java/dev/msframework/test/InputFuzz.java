package dev.msframework.test;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * No input reaches a 5xx: sends generated requests to the running service and checks that every response is below 500, that
 * every 4xx is {@code application/problem+json} whose {@code status} is the HTTP status, and that the service is still ready
 * afterwards. Called from one {@code @QuarkusTest} of each service:
 *
 * <pre>{@code
 * @Test
 * void noInputReachesA5xx() {
 *     InputFuzz.openApi().given(() -> given().auth().oauth2(Tokens.allRoles())).run();
 * }
 * }</pre>
 *
 * <p>{@link #openApi()} calls every operation of the service's OpenAPI document ({@code /q/openapi}) with values for every
 * path, query and header parameter and every property of a JSON body: valid for the schema, hostile of the same type (numbers
 * far out of range, dates that are no calendar dates, NUL characters, lone surrogates, 10,000 characters), or of another JSON
 * type, with properties missing or unknown and bodies that are no object or no JSON. {@link #mutationsOf} does the same for one
 * endpoint that has no OpenAPI document (a webhook), from a sample body.
 *
 * <p>The values are generated from a seed: {@code -Dmsframework.fuzz.seed=...} repeats a run (the seed is in the
 * summary line and in the failure), {@code -Dmsframework.fuzz.tries=...} sets the requests per operation (default 40). A value
 * given to the builder wins over the system property. Collects every failure and fails once, showing up to ten distinct ones
 * (operation and status) with the request that caused each.
 */
public final class InputFuzz {

    /** System property: the seed of the values (default: random, printed). */
    public static final String SEED = "msframework.fuzz.seed";
    /** System property: requests per operation (default 40). */
    public static final String TRIES = "msframework.fuzz.tries";
    private static final int DEFAULT_TRIES = 40;

    /** The endpoint of mutationsOf, null for openApi. */
    private final FuzzOperation endpoint;
    private Supplier<RequestSpecification> given = RestAssured::given;
    private Integer tries;
    private Long seed;
    private final Set<String> skipped = new TreeSet<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    private InputFuzz(FuzzOperation endpoint) {
        this.endpoint = endpoint;
    }

    /** Every operation of the service's OpenAPI document ({@code GET /q/openapi?format=json}). */
    public static InputFuzz openApi() {
        return new InputFuzz(null);
    }

    /**
     * One endpoint without an OpenAPI document: mutations of this sample JSON body (values replaced by hostile ones and by
     * other JSON types, properties dropped and added, the body replaced by something that is no object or no JSON).
     */
    public static InputFuzz mutationsOf(String method, String path, String sampleJsonBody) {
        try {
            JsonNode sample = FuzzValues.JSON.readTree(sampleJsonBody);
            return new InputFuzz(FuzzOperation.mutationsOf(method, path, sample));
        } catch (IOException e) {
            throw new IllegalArgumentException("the sample body is not JSON: " + sampleJsonBody, e);
        }
    }

    /** Where each request starts, e.g. with the bearer token of a user with all roles (default: {@code RestAssured::given}). */
    public InputFuzz given(Supplier<RequestSpecification> given) {
        this.given = Objects.requireNonNull(given);
        return this;
    }

    /** Requests per operation (default: the system property {@value #TRIES}, else 40). */
    public InputFuzz tries(int tries) {
        if (tries < 1) {
            throw new IllegalArgumentException("tries must be at least 1: " + tries);
        }
        this.tries = tries;
        return this;
    }

    /** The seed of the generated values (default: the system property {@value #SEED}, else random). */
    public InputFuzz seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Operations not to call, by operationId (or "METHOD /path" for one without). */
    public InputFuzz skip(String... operationIds) {
        skipped.addAll(Arrays.asList(operationIds));
        return this;
    }

    /** A header sent with every request, as it is (a header parameter of the same name is then not generated). */
    public InputFuzz header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Sends the requests, prints one summary line, and throws one AssertionError listing the failures, if any. */
    public void run() {
        long seed = this.seed != null ? this.seed : Long.getLong(SEED, ThreadLocalRandom.current().nextLong(1, 1_000_000_000_000L));
        int tries = this.tries != null ? this.tries : Integer.getInteger(TRIES, DEFAULT_TRIES);
        List<FuzzOperation> operations = (endpoint != null ? List.of(endpoint) : FuzzOperation.fromOpenApi(openApiDocument()))
                .stream().filter(operation -> !skipped.contains(operation.label())).toList();
        if (operations.isEmpty()) {
            throw new AssertionError("InputFuzz: no operation to call (the OpenAPI document has none, or all are skipped)");
        }
        FuzzReport report = new FuzzReport(seed);
        for (FuzzOperation operation : operations) {
            FuzzValues requests = new FuzzValues(operation, headers, seed);
            for (int i = 0; i < tries; i++) {
                FuzzRequest request = requests.next();
                Response response;
                try {
                    response = request.send(given.get());
                } catch (Exception e) { // REST-assured rethrows IOExceptions undeclared
                    report.noResponse(request, e);
                    continue;
                }
                report.check(request, response);
            }
        }
        report.checkReady(given.get().get("/q/health/ready"));
        System.out.println(report.summary(operations.size()));
        report.throwIfFailed();
    }

    private JsonNode openApiDocument() {
        Response response = given.get().queryParam("format", "json").get("/q/openapi");
        if (response.statusCode() != 200) {
            throw new AssertionError("InputFuzz: GET /q/openapi?format=json answered " + response.statusCode());
        }
        try {
            return FuzzValues.JSON.readTree(response.asString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

#if($services)
#set($withActivity = $services.contains('worker-service') && $services.contains('data-mongo-service'))
#else
#set($withActivity = true)
#end
package ${package}.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The sample flow through the whole stack of docker-compose.yml, built from this project's modules:
 * {@code POST /api/v1/${resourcePath}} with a JWT, stored by the data-postgres service#if($withActivity), and the
 * {@code ${eventPrefix}.created} event recorded as activity by the worker through the data-mongo service#end.
 * Needs Docker: without it JUnit reports the test as skipped ("Docker is not available").
 */
@Testcontainers(disabledWithoutDocker = true)
class SampleFlowIT {

    static final File PROJECT = new File("..").getAbsoluteFile();
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Container
    static final ComposeContainer STACK = new ComposeContainer(new File(PROJECT, "docker-compose.yml"))
            .withEnv(devEnvironment())
            .withBuild(true)
            .withExposedService("api-service", 8080,
                    Wait.forHttp("/q/health/ready").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(10)));

    @Test
    void a${entity}FlowsThroughTheSystem() throws Exception {
        String api = "http://" + STACK.getServiceHost("api-service", 8080) + ":" + STACK.getServicePort("api-service", 8080);
        String token = devToken("alice", "user");

        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(api + "/api/v1/${resourcePath}"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(valid(1)))));
        assertEquals(201, created.statusCode(), created.body());
        long id = JSON.readTree(created.body()).get("id").asLong();

        HttpResponse<String> read = send(HttpRequest.newBuilder(URI.create(api + "/api/v1/${resourcePath}/" + id))
                .header("Authorization", "Bearer " + token).GET());
        assertEquals(200, read.statusCode(), read.body());
        JsonNode stored = JSON.readTree(read.body());
        valid(1).forEach((field, expected) -> {
            JsonNode actual = stored.path(field);
            boolean same = actual.isNumber() && expected instanceof Number
                    ? actual.decimalValue().compareTo(new BigDecimal(expected.toString())) == 0
                    : actual.isValueNode() && !actual.isNull() && String.valueOf(expected).equals(actual.asText());
            assertTrue(same, field + ": expected " + expected + " in " + read.body());
        });
#if($withActivity)

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            HttpResponse<String> activity = send(HttpRequest.newBuilder(URI.create(api + "/api/v1/${resourcePath}/" + id + "/activity"))
                    .header("Authorization", "Bearer " + token).GET());
            assertEquals(200, activity.statusCode(), activity.body());
            boolean recorded = false;
            for (JsonNode item : JSON.readTree(activity.body()).get("items")) {
                recorded |= "${eventPrefix}.created".equals(item.get("type").asText());
            }
            assertTrue(recorded, "no ${eventPrefix}.created activity yet: " + activity.body());
        });
#end
    }

#validBodies()

    static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The placeholders of .env.example: the stack's secrets for this throw-away run. */
    static Map<String, String> devEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(new File(PROJECT, ".env.example").toPath())) {
                int eq = line.indexOf('=');
                if (!line.isBlank() && !line.startsWith("#") && eq > 0) {
                    env.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read .env.example", e);
        }
        return env;
    }

    /** A token of the development key pair in api-service/dev/jwt, as dev/jwt/token.sh prints it. */
    static String devToken(String user, String roles) throws Exception {
        String pem = Files.readString(new File(PROJECT, "api-service/dev/jwt/privateKey.pem").toPath());
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        long now = Instant.now().getEpochSecond();
        String groups = "\"" + String.join("\",\"", roles.split(",")) + "\"";
        String header = base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        String claims = base64Url("{\"iss\":\"https://dev.msframework.local\",\"aud\":\"${appName}-api\",\"upn\":\"" + user + "\",\"sub\":\"" + user
                + "\",\"groups\":[" + groups + "],\"iat\":" + now + ",\"exp\":" + (now + 600) + "}");
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
    }

    static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}

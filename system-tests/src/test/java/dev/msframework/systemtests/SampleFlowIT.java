package dev.msframework.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * The sample flow of a generated system (entity Task), end to end, without Docker: the five services run from
 * their packaged jars (prod profile) against the local PostgreSQL (a fresh database), RabbitMQ and Redis, an
 * in-memory MongoDB wire endpoint, a fake Telegram Bot API and an OTLP receiver, all on 127.0.0.1 and free ports.
 * <p>
 * It proves: a Task created through the API with a JWT is stored (data-postgres), its {@code task.created} event
 * is consumed by the worker, which records an activity through data-mongo that the API then serves; the bot
 * notifies the subscribed chat; one trace spans api, data-postgres and worker; a real Prometheus, configured with
 * the project's own {@code deploy/prometheus/prometheus.yml}, scrapes every service. Every wait is bounded.
 * <p>
 * System properties: {@code systemTests.projectDir} (the generated, packaged project), {@code systemTests.workDir}
 * (scratch files), {@code systemTests.logDir} (one log per process), {@code systemTests.prometheus} (the Prometheus binary; by
 * default the one on PATH, else the Debian package prometheus unpacked into ~/.cache/msframework/tools: see
 * {@link #prometheusBinary()}), {@code skipSystemTests}.
 */
class SampleFlowIT {

    static final String DATA_POSTGRES = "data-postgres-service";
    static final String DATA_MONGO = "data-mongo-service";
    static final String API = "api-service";
    static final String WORKER = "worker-service";
    static final String BOT = "bot-service";
    static final List<String> MODULES = List.of(DATA_POSTGRES, DATA_MONGO, API, WORKER, BOT);

    static final long CHAT_ID = 42;
    static final String JWT_ISSUER = "https://e2e.msframework.test";
    /** Set on the api through JWT_AUDIENCE: the one variable that names the audience it verifies. */
    static final String JWT_AUDIENCE = "system-tests-api";
    static final String BOT_TOKEN = "123456:e2e-token";
    static final Duration READY_TIMEOUT = Duration.ofSeconds(Long.getLong("systemTests.readyTimeoutSeconds", 120));
    static final Duration FLOW_TIMEOUT = Duration.ofSeconds(60);

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static Path projectDir;
    static Path workDir;
    static Path logDir;
    static MongoServer mongo;
    static OtlpReceiver otlp;
    static FakeTelegramApi telegram;
    static String database;
    static KeyPair jwtKeys;
    static final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    static final Map<String, String> serviceNames = new LinkedHashMap<>();

    /** The generated, packaged project under test: {@code systemTests.projectDir}, else archetype-project's default IT. */
    static Path defaultProjectDir() {
        return Path.of(System.getProperty("systemTests.projectDir",
                "../archetype-project/target/test-classes/projects/default/project/acme-tasks")).toAbsolutePath().normalize();
    }

    @BeforeAll
    static void startSystem() throws Exception {
        assumeFalse(Boolean.getBoolean("skipSystemTests"), "skipSystemTests is set");
        projectDir = defaultProjectDir();
        workDir = Path.of(System.getProperty("systemTests.workDir", "target/e2e")).toAbsolutePath().normalize();
        logDir = Path.of(System.getProperty("systemTests.logDir", "target/e2e-logs")).toAbsolutePath().normalize();
        checkSystemUnderTest();
        deleteRecursively(workDir);
        deleteRecursively(logDir);
        Files.createDirectories(workDir);
        Files.createDirectories(logDir);

        diagnosed("starting the system", () -> {
            mongo = new MongoServer(new MemoryBackend());
            InetSocketAddress mongoAddress = mongo.bind();
            otlp = new OtlpReceiver();
            telegram = new FakeTelegramApi(BOT_TOKEN);
            database = createDatabase();
            jwtKeys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
            Path publicKey = workDir.resolve("jwt-public-key.pem");
            Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(jwtKeys.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");

            for (String module : MODULES) {
                ServiceProcess service = new ServiceProcess(projectDir, module, freePort(), logDir);
                services.put(module, service);
                serviceNames.put(module, service.applicationName(projectDir));
            }
            purgeQueues();

            Map<String, String> common = new LinkedHashMap<>();
            common.put("QUARKUS_OTEL_SDK_DISABLED", "false");
            common.put("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf");
            common.put("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", otlp.endpoint());
            common.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "100ms");
            common.put("RABBITMQ_HOST", env("RABBITMQ_HOST", "localhost"));
            common.put("RABBITMQ_PORT", env("RABBITMQ_PORT", "5672"));
            common.put("RABBITMQ_USERNAME", env("RABBITMQ_USERNAME", "guest"));
            common.put("RABBITMQ_PASSWORD", env("RABBITMQ_PASSWORD", "guest"));
            common.put("QUARKUS_REDIS_HOSTS", env("QUARKUS_REDIS_HOSTS", "redis://localhost:6379"));
            common.put("DATA_POSTGRES_URL", services.get(DATA_POSTGRES).baseUrl());
            common.put("DATA_MONGO_URL", services.get(DATA_MONGO).baseUrl());

            Map<String, Map<String, String>> own = Map.of(
                    DATA_POSTGRES, Map.of(
                            "QUARKUS_DATASOURCE_JDBC_URL", postgresUrl(database),
                            "QUARKUS_DATASOURCE_USERNAME", postgresUser(),
                            "QUARKUS_DATASOURCE_PASSWORD", postgresPassword()),
                    DATA_MONGO, Map.of(
                            "QUARKUS_MONGODB_CONNECTION_STRING", "mongodb://127.0.0.1:" + mongoAddress.getPort()),
                    API, Map.of(
                            "JWT_PUBLIC_KEY_LOCATION", publicKey.toString(),
                            "JWT_ISSUER", JWT_ISSUER,
                            "JWT_AUDIENCE", JWT_AUDIENCE),
                    WORKER, Map.of(),
                    BOT, Map.of(
                            "TELEGRAM_BOT_TOKEN", BOT_TOKEN,
                            "TELEGRAM_API_URL", telegram.url(),
                            "BOT_POLLING_TIMEOUT", "1s"));
            for (ServiceProcess service : services.values()) {
                Map<String, String> env = new LinkedHashMap<>(common);
                env.putAll(own.get(service.module));
                service.start(env);
            }

            await("every service's /q/health/ready to be UP", READY_TIMEOUT, () -> {
                List<String> notReady = new ArrayList<>();
                for (ServiceProcess service : services.values()) {
                    HttpResponse<String> ready = get(service.baseUrl() + "/q/health/ready", null);
                    if (ready == null || ready.statusCode() != 200) {
                        notReady.add(service.module + (ready == null ? " (no answer)" : " (" + ready.statusCode() + " " + ready.body() + ")"));
                    }
                }
                return notReady.isEmpty() ? Optional.of(true) : Optional.empty();
            }, () -> services.values().stream()
                    .map(s -> s.module + ": " + describeReadiness(s))
                    .collect(Collectors.joining("; ")));
        });
    }

    @Test
    void taskFlowsThroughEveryService() throws Exception {
        diagnosed("the sample flow", () -> {
            // 5. chat 42 subscribes to notifications through the bot (long polling)
            telegram.sendText(CHAT_ID, "/subscribe");
            await("the bot to answer /subscribe in chat " + CHAT_ID, Duration.ofSeconds(30),
                    () -> telegram.sent().stream()
                            .filter(m -> m.chatId() == CHAT_ID && m.text().toLowerCase().contains("subscribed"))
                            .findFirst(),
                    () -> "messages sent: " + telegram.sent() + "; Bot API calls: " + lastCalls());

            // 6. a Task created through the API
            String title = "E2E task " + UUID.randomUUID().toString().substring(0, 8);
            String token = jwt("e2e-user", List.of("user"));
            String api = services.get(API).baseUrl() + "/api/v1/tasks";
            HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(api))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("title", title, "status", "OPEN")))));
            assertEquals(201, created.statusCode(), () -> "POST /api/v1/tasks: " + created.body());
            long id = JSON.readTree(created.body()).path("id").asLong();

            HttpResponse<String> read = get(api + "/" + id, token);
            assertEquals(200, read != null ? read.statusCode() : -1, () -> "GET /api/v1/tasks/" + id + ": " + describe(read));
            assertEquals(title, JSON.readTree(read.body()).path("title").asText(), "title of the stored task");

            // the worker consumed task.created and recorded the activity through data-mongo
            JsonNode activity = await("an activity task.created of task " + id + " at /api/v1/tasks/" + id + "/activity",
                    FLOW_TIMEOUT, () -> {
                        HttpResponse<String> page = get(api + "/" + id + "/activity", token);
                        if (page == null || page.statusCode() != 200) {
                            return Optional.empty();
                        }
                        for (JsonNode item : JSON.readTree(page.body()).path("items")) {
                            if ("task.created".equals(item.path("type").asText())) {
                                return Optional.of(item);
                            }
                        }
                        return Optional.empty();
                    }, () -> describe(get(api + "/" + id + "/activity", token)));
            assertEquals(id, activity.path("taskId").asLong(), () -> "activity " + activity);

            // the bot notified the subscribed chat
            await("a notification about '" + title + "' in chat " + CHAT_ID, FLOW_TIMEOUT,
                    () -> telegram.sent().stream()
                            .filter(m -> m.chatId() == CHAT_ID && m.text().contains(title))
                            .findFirst(),
                    () -> "messages sent: " + telegram.sent());

            // 7. one trace across the API, the data service and the worker
            Set<String> expected = Set.of(serviceNames.get(API), serviceNames.get(DATA_POSTGRES), serviceNames.get(WORKER));
            String traceId = await("one trace with spans of " + expected, Duration.ofSeconds(30),
                    () -> otlp.servicesByTrace().entrySet().stream()
                            .filter(trace -> trace.getValue().containsAll(expected))
                            .map(Map.Entry::getKey)
                            .findFirst(),
                    () -> "services by trace: " + otlp.servicesByTrace());
            System.out.println("Trace " + traceId + ":\n  " + otlp.spans().stream()
                    .filter(span -> span.traceId().equals(traceId)).map(Object::toString)
                    .collect(Collectors.joining("\n  ")));

            // chat 42 leaves again: the subscription lives in Redis, and the next run of the project's own tests must not see it
            telegram.sendText(CHAT_ID, "/unsubscribe");
            await("the bot to answer /unsubscribe in chat " + CHAT_ID, Duration.ofSeconds(30),
                    () -> telegram.sent().stream()
                            .filter(m -> m.chatId() == CHAT_ID && m.text().startsWith("Unsubscribed"))
                            .findFirst(),
                    () -> "messages sent: " + telegram.sent() + "; Bot API calls: " + lastCalls());
        });
    }

    @Test
    void prometheusScrapesEveryService() throws Exception {
        diagnosed("scraping with Prometheus", () -> {
            Path prometheus = prometheusBinary();
            int port = freePort();
            Path config = prometheusConfig(port);
            Path promtool = prometheus.resolveSibling("promtool");
            String configCheck = "NOT checked with promtool: none next to " + prometheus;
            if (Files.isExecutable(promtool)) {
                ProcessResult check = run(List.of(promtool.toString(), "check", "config", config.toString()), Duration.ofSeconds(30));
                assertEquals(0, check.exitCode(), () -> "promtool check config " + config + ":\n" + check.output());
                configCheck = "passes " + promtool + " check config";
            }
            Matcher version = Pattern.compile("version (\\S+)").matcher(run(List.of(prometheus.toString(), "--version"), Duration.ofSeconds(30)).output());
            System.out.println("Prometheus: running " + prometheus + (version.find() ? " " + version.group(1) : "")
                    + "; its configuration " + config + ": " + configCheck);
            Process process = new ProcessBuilder(prometheus.toString(),
                    "--config.file=" + config,
                    "--storage.tsdb.path=" + workDir.resolve("prometheus-data"),
                    "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true)
                    .redirectOutput(logDir.resolve("prometheus.log").toFile())
                    .start();
            try {
                Map<String, String> instances = services.values().stream()
                        .collect(Collectors.toMap(s -> "127.0.0.1:" + s.port, s -> s.module));
                await("Prometheus to report all " + instances.size() + " service targets up", Duration.ofSeconds(60), () -> {
                    if (!process.isAlive()) {
                        fail("Prometheus exited with " + process.exitValue() + ":\n"
                                + Files.readString(logDir.resolve("prometheus.log")));
                    }
                    HttpResponse<String> targets = get("http://127.0.0.1:" + port + "/api/v1/targets?state=active", null);
                    if (targets == null || targets.statusCode() != 200) {
                        return Optional.empty();
                    }
                    Map<String, String> health = new LinkedHashMap<>();
                    for (JsonNode target : JSON.readTree(targets.body()).path("data").path("activeTargets")) {
                        health.put(target.path("labels").path("instance").asText(), target.path("health").asText());
                    }
                    boolean allUp = instances.keySet().stream().allMatch(instance -> "up".equals(health.get(instance)));
                    return allUp ? Optional.of(health) : Optional.empty();
                }, () -> describe(get("http://127.0.0.1:" + port + "/api/v1/targets?state=active", null)));
            } finally {
                process.destroy();
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        });
    }

    @AfterAll
    static void stopSystem() {
        services.values().forEach(ServiceProcess::requestStop);
        services.values().forEach(ServiceProcess::awaitStop);
        if (telegram != null) {
            telegram.close();
        }
        if (otlp != null) {
            otlp.close();
        }
        if (mongo != null) {
            mongo.shutdownNow();
        }
        if (database != null) {
            try (Connection connection = DriverManager.getConnection(postgresUrl("postgres"), postgresUser(), postgresPassword());
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            } catch (SQLException e) {
                System.err.println("Could not drop the database " + database + ": " + e.getMessage());
            }
        }
    }

    // ----- the system under test -----

    private static void checkSystemUnderTest() {
        String hint = "Build it first: `./mvnw verify` at the root of msframework (or `./mvnw -f archetype-project/pom.xml verify`) "
                + "generates and packages it; -DsystemTests.projectDir=<dir> names another generated and packaged project "
                + "(`./mvnw package -DskipTests` in it); -DskipSystemTests skips this test.";
        if (!Files.isDirectory(projectDir)) {
            fail("No generated project at " + projectDir + ". " + hint);
        }
        List<String> missing = MODULES.stream()
                .map(module -> new ServiceProcess(projectDir, module, 0, workDir).jar())
                .filter(jar -> !Files.isRegularFile(jar))
                .map(Path::toString)
                .toList();
        if (!missing.isEmpty()) {
            fail("The generated project at " + projectDir + " is not packaged: missing " + missing + ". " + hint);
        }
    }

    /**
     * The Prometheus binary: the one {@code -DsystemTests.prometheus} names; else the one archetype-project's
     * {@code src/test/resources/prometheus-tool.sh} finds on PATH or gets: the Debian package prometheus, downloaded with
     * apt-get and unpacked into ~/.cache/msframework/tools, not installed. Fails, saying how to get one, when there is none.
     */
    static Path prometheusBinary() throws Exception {
        String hint = " Install Prometheus (apt-get install prometheus), or name the binary with -DsystemTests.prometheus=<path>;"
                + " -DskipSystemTests skips the system tests.";
        String named = System.getProperty("systemTests.prometheus", "");
        if (!named.isBlank()) {
            Path prometheus = Path.of(named).toAbsolutePath();
            if (!Files.isExecutable(prometheus)) {
                fail("No Prometheus at " + prometheus + " (-DsystemTests.prometheus)." + hint);
            }
            return prometheus;
        }
        Path finder = Path.of("../archetype-project/src/test/resources/prometheus-tool.sh").toAbsolutePath().normalize();
        if (!Files.isRegularFile(finder)) {
            fail("No -DsystemTests.prometheus, and no " + finder + " to find or fetch Prometheus." + hint);
        }
        ProcessResult found = run(List.of("bash", finder.toString(), "prometheus"), Duration.ofMinutes(5));
        List<String> lines = found.output().lines().filter(line -> !line.isBlank()).toList();
        if (found.exitCode() != 0 || lines.isEmpty()) {
            fail("No Prometheus: " + String.join("; ", lines) + "." + hint);
        }
        lines.subList(0, lines.size() - 1).forEach(line -> System.out.println("Prometheus: " + line));
        return Path.of(lines.get(lines.size() - 1).trim());
    }

    /**
     * The project's Prometheus configuration, pointed at the processes: each service's compose target
     * ({@code <module>:<port>}) becomes {@code 127.0.0.1:<its port>}, and it scrapes every second.
     */
    private static Path prometheusConfig(int prometheusPort) throws IOException {
        Path generated = projectDir.resolve("deploy/prometheus/prometheus.yml");
        if (!Files.isRegularFile(generated)) {
            fail("The generated project has no " + generated);
        }
        String config = Files.readString(generated);
        for (ServiceProcess service : services.values()) {
            Matcher target = Pattern.compile("(?<=['\"\\s\\[])" + Pattern.quote(service.module) + ":\\d+(?=['\"\\s,\\]])").matcher(config);
            if (!target.find()) {
                fail(generated + " has no scrape target for " + service.module + " (expected '" + service.module + ":<port>'):\n" + config);
            }
            config = target.replaceAll("127.0.0.1:" + service.port);
        }
        config = config.replace("localhost:9090", "127.0.0.1:" + prometheusPort)
                .replaceAll("scrape_interval:\\s*\\S+", "scrape_interval: 1s")
                .replaceAll("scrape_timeout:\\s*\\S+", "scrape_timeout: 1s");
        Path written = workDir.resolve("prometheus.yml");
        Files.writeString(written, config);
        return written;
    }

    /** Empties the queues the services consume from (and their DLQs): messages left by earlier runs must not count. */
    private static void purgeQueues() throws Exception {
        List<String> queues = new ArrayList<>();
        for (String module : MODULES) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(projectDir.resolve(module).resolve("src/main/resources/application.properties"))) {
                properties.load(reader);
            }
            properties.stringPropertyNames().stream()
                    .filter(key -> key.startsWith("mp.messaging.incoming.")
                            && (key.endsWith(".queue.name") || key.endsWith(".dead-letter-queue-name")))
                    .map(properties::getProperty)
                    .forEach(queues::add);
        }
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(env("RABBITMQ_HOST", "localhost"));
        factory.setPort(Integer.parseInt(env("RABBITMQ_PORT", "5672")));
        factory.setUsername(env("RABBITMQ_USERNAME", "guest"));
        factory.setPassword(env("RABBITMQ_PASSWORD", "guest"));
        factory.setConnectionTimeout(5000);
        try (com.rabbitmq.client.Connection connection = factory.newConnection("msframework-system-tests")) {
            for (String queue : queues) {
                Channel channel = connection.createChannel();
                try {
                    int purged = channel.queuePurge(queue).getMessageCount();
                    if (purged > 0) {
                        System.out.println("Purged " + purged + " old message(s) from " + queue);
                    }
                    channel.close();
                } catch (IOException e) {
                    // the queue does not exist yet: the service declares it (the failure closed the channel)
                }
            }
        }
    }

    // ----- PostgreSQL -----

    private static String createDatabase() throws SQLException {
        String name = "e2e_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        try (Connection connection = DriverManager.getConnection(postgresUrl("postgres"), postgresUser(), postgresPassword());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return name;
    }

    private static String postgresUrl(String db) {
        return "jdbc:postgresql://" + System.getProperty("systemTests.postgres", "localhost:5432") + "/" + db;
    }

    private static String postgresUser() {
        return env("QUARKUS_DATASOURCE_USERNAME", "postgres");
    }

    private static String postgresPassword() {
        return env("QUARKUS_DATASOURCE_PASSWORD", "postgres");
    }

    // ----- JWT (RS256, signed with the key pair whose public half the API verifies with) -----

    private static String jwt(String user, List<String> groups) throws Exception {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", JWT_ISSUER);
        claims.put("aud", JWT_AUDIENCE);
        claims.put("upn", user);
        claims.put("sub", user);
        claims.put("groups", groups);
        claims.put("iat", now);
        claims.put("exp", now + 3600);
        claims.put("jti", UUID.randomUUID().toString());
        String signed = base64.encodeToString(JSON.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT")))
                + "." + base64.encodeToString(JSON.writeValueAsBytes(claims));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(jwtKeys.getPrivate());
        signature.update(signed.getBytes(StandardCharsets.US_ASCII));
        return signed + "." + base64.encodeToString(signature.sign());
    }

    // ----- HTTP -----

    /** GET with an optional bearer token; null when the service does not answer. */
    private static HttpResponse<String> get(String url, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return send(request);
        } catch (IOException e) {
            return null;
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String describe(HttpResponse<String> response) {
        return response == null ? "no answer" : response.statusCode() + " " + response.body();
    }

    private static String describeReadiness(ServiceProcess service) {
        return service.isAlive() ? describe(get(service.baseUrl() + "/q/health/ready", null)) : service.exitDescription();
    }

    // ----- waiting and diagnostics -----

    interface Probe<T> {
        Optional<T> poll() throws Exception;
    }

    interface Step {
        void run() throws Exception;
    }

    /**
     * Polls until the probe gives a value; fails after the timeout with {@code what}, the last state and the
     * last exception, or at once when a service process has died.
     */
    static <T> T await(String what, Duration timeout, Probe<T> probe, Supplier<String> state) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        Exception last = null;
        while (true) {
            for (ServiceProcess service : services.values()) {
                if (!service.isAlive()) {
                    fail(service.module + " " + service.exitDescription() + " while waiting for " + what + " (log: " + service.log() + ")");
                }
            }
            try {
                Optional<T> value = probe.poll();
                if (value.isPresent()) {
                    return value.get();
                }
            } catch (AssertionError e) {
                throw e;
            } catch (Exception e) {
                last = e;
            }
            if (Instant.now().isAfter(deadline)) {
                String current;
                try {
                    current = state.get();
                } catch (RuntimeException e) {
                    current = e.toString();
                }
                throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for " + what
                        + ". Last state: " + current + (last != null ? ". Last error: " + last : ""), last);
            }
            Thread.sleep(300);
        }
    }

    /** Runs a step; when it fails, prints the tail of every service's log before passing the failure on. */
    static void diagnosed(String step, Step body) throws Exception {
        try {
            body.run();
        } catch (Exception | AssertionError e) {
            StringBuilder report = new StringBuilder("\n===== " + step + " failed: " + e.getMessage() + "\n");
            for (ServiceProcess service : services.values()) {
                report.append("----- ").append(service.module).append(" (").append(service.exitDescription())
                        .append(", port ").append(service.port).append(", log ").append(service.log()).append(") -----\n")
                        .append(service.tail(60)).append('\n');
            }
            if (telegram != null) {
                report.append("----- fake Bot API: sent ").append(telegram.sent()).append("; last calls ").append(lastCalls()).append('\n');
            }
            if (otlp != null) {
                report.append("----- spans received: ").append(otlp.spans().size()).append(", services by trace ")
                        .append(otlp.servicesByTrace()).append('\n');
            }
            System.err.println(report);
            throw e;
        }
    }

    private static List<String> lastCalls() {
        List<String> calls = telegram.calls();
        return calls.subList(Math.max(0, calls.size() - 10), calls.size());
    }

    // ----- small helpers -----

    record ProcessResult(int exitCode, String output) {
    }

    private static ProcessResult run(List<String> command, Duration timeout) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("Timed out after " + timeout.toSeconds() + " s: " + command);
        }
        return new ProcessResult(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}

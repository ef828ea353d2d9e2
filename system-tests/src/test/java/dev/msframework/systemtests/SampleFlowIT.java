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
import java.net.URLEncoder;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

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
 * the project's own {@code deploy/prometheus/prometheus.yml}, scrapes every service, and every query of the project's
 * Grafana dashboards returns data from it. Every wait is bounded; the flow runs first, then Prometheus.
 * <p>
 * System properties: {@code systemTests.projectDir} (the generated, packaged project), {@code systemTests.workDir}
 * (scratch files), {@code systemTests.logDir} (one log per process), {@code systemTests.prometheus} (the Prometheus binary; by
 * default the one on PATH, else the Debian package prometheus unpacked into ~/.cache/msframework/tools: see
 * {@link #prometheusBinary()}), {@code skipSystemTests}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
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
    /** The longest wait for every dashboard query to return data. */
    static final Duration DASHBOARDS_TIMEOUT = Duration.ofSeconds(60);
    /** Grafana's $__rate_interval (and $__interval, $__range) in the dashboard queries: Prometheus scrapes every second here. */
    static final String RATE_INTERVAL = "1m";

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
            deleteQueues();

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
    @Order(1)
    void taskFlowsThroughEveryService() throws Exception {
        diagnosed("the sample flow", () -> {
            // 5. chat 42 subscribes to notifications through the bot (long polling)
            telegram.sendText(CHAT_ID, "/subscribe");
            await("the bot to answer /subscribe in chat " + CHAT_ID, Duration.ofSeconds(30),
                    () -> telegram.sent().stream()
                            .filter(m -> m.chatId() == CHAT_ID && m.text().toLowerCase().contains("subscribed"))
                            .findFirst(),
                    () -> "messages sent: " + telegram.sent() + "; Bot API calls: " + lastCalls());

            // 6. a Task created through the API, stored by data-postgres; the worker consumed task.created and
            // recorded the activity through data-mongo
            String title = "E2E task " + UUID.randomUUID().toString().substring(0, 8);
            createTaskAndAwaitActivity(title, jwt("e2e-user", List.of("user")));

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
    @Order(2)
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

                // 9. every query of the project's Grafana dashboards returns data from this Prometheus
                checkDashboards("http://127.0.0.1:" + port);
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

    /**
     * A Task through the system: {@code POST /api/v1/tasks} (api, stored by data-postgres) answers 201, {@code GET}
     * gives it back, and its {@code task.created} activity comes to {@code /api/v1/tasks/{id}/activity} (the event went
     * over RabbitMQ to the worker, which recorded the activity through data-mongo). Returns the task's id.
     */
    private static long createTaskAndAwaitActivity(String title, String token) throws Exception {
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
        return id;
    }

    // ----- the Grafana dashboards -----

    /** One query of a dashboard panel, its variables substituted: where it is, the PromQL, the job it selects (or null). */
    record DashboardQuery(String where, String expr, String job) {
        @Override
        public String toString() {
            return where + ": " + expr;
        }
    }

    /**
     * Every query of every dashboard Grafana provisions ({@code deploy/grafana/dashboards/*.json}, the directory that
     * {@code provisioning/dashboards/dashboards.yml} loads) returns data from Prometheus: a non-empty result with at
     * least one value that is not NaN, as a panel needs to draw a line.
     * <p>
     * First one more Task goes through the system and, once Prometheus has scraped that, is read again: every
     * {@code rate()} over the last minute then sees the counters grow (a latency quantile, a mean or an error share
     * of requests that stopped before Prometheus started is NaN). Then every query of every panel (nested rows
     * included) is asked, its template variables substituted ({@link #dashboardQueries}), until all have data.
     * <p>
     * A query is about one service when it selects {@code job="<module>"}; it does not apply when that service
     * publishes none of a metric family the query reads while another service does (the worker and the bot serve no
     * HTTP requests: their request panels stay empty; the data services consume no events). A family
     * that no service publishes (a typo, a histogram that is not published) never excuses a query.
     */
    private static void checkDashboards(String prometheus) throws Exception {
        Instant start = Instant.now();
        String token = jwt("e2e-dashboards", List.of("user"));
        long id = createTaskAndAwaitActivity("Dashboards " + UUID.randomUUID().toString().substring(0, 8), token);
        awaitScrapeAfter(prometheus, Instant.now());
        String api = services.get(API).baseUrl() + "/api/v1/tasks/" + id;
        for (String url : List.of(api, api + "/activity")) {
            HttpResponse<String> read = get(url, token);
            assertEquals(200, read != null ? read.statusCode() : -1, () -> "GET " + url + ": " + describe(read));
        }
        awaitScrapeAfter(prometheus, Instant.now());

        List<DashboardQuery> queries = dashboardQueries(prometheus);
        Map<String, Set<String>> jobsByFamily = new LinkedHashMap<>();
        List<DashboardQuery> checked = new ArrayList<>();
        List<String> notApplicable = new ArrayList<>();
        for (DashboardQuery query : queries) {
            List<String> families = metricFamilies(query.expr());
            for (String family : families) {
                if (!jobsByFamily.containsKey(family)) {
                    Set<String> jobs = new TreeSet<>();
                    for (JsonNode series : promQuery(prometheus, "count by (job) ({__name__=~" + JSON.writeValueAsString(family) + "})")
                            .path("data").path("result")) {
                        jobs.add(series.path("metric").path("job").asText());
                    }
                    jobsByFamily.put(family, jobs);
                }
            }
            List<String> elsewhere = query.job() == null ? List.of() : families.stream()
                    .filter(family -> !jobsByFamily.get(family).isEmpty() && !jobsByFamily.get(family).contains(query.job()))
                    .toList();
            boolean publishedNowhere = families.stream().anyMatch(family -> jobsByFamily.get(family).isEmpty());
            if (!elsewhere.isEmpty() && !publishedNowhere) {
                notApplicable.add(query.where() + " (" + query.job() + " publishes no " + elsewhere.stream()
                        .map(family -> shortFamily(family) + ", " + jobsByFamily.get(family) + " do").collect(Collectors.joining("; ")) + ")");
            } else {
                checked.add(query);
            }
        }

        Map<DashboardQuery, String> pending = new LinkedHashMap<>();
        checked.forEach(query -> pending.put(query, "not asked yet"));
        await("every dashboard query to return data (a value that is not NaN) from Prometheus", DASHBOARDS_TIMEOUT, () -> {
            for (DashboardQuery query : new ArrayList<>(pending.keySet())) {
                JsonNode answer = promQuery(prometheus, query.expr());
                if (!"success".equals(answer.path("status").asText())) {
                    fail("Prometheus refuses the query of " + query + ": " + answer);
                }
                if (hasData(answer.path("data"))) {
                    pending.remove(query);
                } else {
                    pending.put(query, answer.path("data").toString());
                }
            }
            return pending.isEmpty() ? Optional.of(true) : Optional.empty();
        }, () -> pending.size() + " of " + checked.size() + " queries without data:\n  " + pending.entrySet().stream()
                .map(entry -> entry.getKey() + "\n    families " + metricFamilies(entry.getKey().expr()).stream()
                        .map(family -> shortFamily(family) + " published by " + jobsByFamily.get(family)).toList()
                        + "\n    last result " + abbreviate(entry.getValue(), 300))
                .collect(Collectors.joining("\n  ")));
        System.out.println("Dashboards: " + queries.size() + " queries of " + queries.stream()
                .map(query -> query.where().substring(0, query.where().indexOf(' '))).distinct().count()
                + " dashboards; " + checked.size() + " return data from Prometheus, " + notApplicable.size()
                + " do not apply (" + Duration.between(start, Instant.now()).toMillis() + " ms):\n  "
                + String.join("\n  ", notApplicable));
    }

    /**
     * The queries of the provisioned dashboards, one per value of the template variables they use: Grafana's own
     * intervals become {@value #RATE_INTERVAL}; a variable of {@code templating.list} takes each of its values (custom,
     * constant, textbox and interval variables: their own; query variables {@code label_values(...)}: Prometheus's,
     * chained variables resolved in order). Only Prometheus targets with an {@code expr}.
     */
    static List<DashboardQuery> dashboardQueries(String prometheus) throws Exception {
        Path dir = projectDir.resolve("deploy/grafana/dashboards");
        List<Path> files;
        try (var list = Files.list(dir)) {
            files = list.filter(file -> file.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        if (files.isEmpty()) {
            fail("No Grafana dashboard (*.json) in " + dir);
        }
        List<DashboardQuery> queries = new ArrayList<>();
        for (Path file : files) {
            JsonNode dashboard = JSON.readTree(file.toFile());
            List<Map<String, String>> bindings = variableBindings(file, dashboard.path("templating").path("list"), prometheus);
            List<JsonNode> panels = new ArrayList<>();
            collectPanels(dashboard.path("panels"), panels);
            for (JsonNode row : dashboard.path("rows")) {
                collectPanels(row.path("panels"), panels);
            }
            for (JsonNode panel : panels) {
                for (JsonNode target : panel.path("targets")) {
                    String expr = target.path("expr").asText("");
                    String type = target.path("datasource").path("type").asText(panel.path("datasource").path("type").asText("prometheus"));
                    if (expr.isBlank() || !(type.equals("prometheus") || type.startsWith("$"))) {
                        continue;
                    }
                    String where = file.getFileName() + " › " + panel.path("title").asText("(untitled)") + " › " + target.path("refId").asText("?");
                    Set<String> seen = new LinkedHashSet<>();
                    for (Map<String, String> binding : bindings) {
                        String substituted = substitute(expr, binding, where);
                        if (seen.add(substituted)) {
                            Matcher job = Pattern.compile("\\bjob\\s*=~?\\s*\"([^\"]+)\"").matcher(substituted);
                            Set<String> jobs = new TreeSet<>();
                            while (job.find()) {
                                jobs.add(job.group(1));
                            }
                            Map<String, String> used = new TreeMap<>(binding);
                            used.keySet().removeIf(variable -> !Pattern.compile("\\$\\{?" + variable + "\\b|\\[\\[" + variable + "]]").matcher(expr).find());
                            queries.add(new DashboardQuery(where + (used.isEmpty() ? "" : " " + used), substituted,
                                    jobs.size() == 1 ? jobs.iterator().next() : null));
                        }
                    }
                }
            }
        }
        return queries;
    }

    private static void collectPanels(JsonNode panels, List<JsonNode> into) {
        for (JsonNode panel : panels) {
            into.add(panel);
            collectPanels(panel.path("panels"), into); // a collapsed row holds its panels
        }
    }

    /** Every combination of the dashboard's variables' values, the variables taken in order (a query variable may use earlier ones). */
    private static List<Map<String, String>> variableBindings(Path file, JsonNode variables, String prometheus) throws Exception {
        List<Map<String, String>> bindings = List.of(Map.of());
        for (JsonNode variable : variables) {
            String name = variable.path("name").asText();
            String type = variable.path("type").asText();
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> binding : bindings) {
                List<String> values = switch (type) {
                    case "custom", "interval" -> variable.path("options").findValues("value").isEmpty()
                            ? List.of(variable.path("query").asText().split("\\s*,\\s*"))
                            : variable.path("options").findValues("value").stream().map(JsonNode::asText).toList();
                    case "constant", "textbox" -> List.of(variable.path("query").asText());
                    case "query" -> labelValues(prometheus, substitute(variable.path("query").isObject()
                            ? variable.path("query").path("query").asText() : variable.path("query").asText(), binding, file + " variable " + name),
                            file + " variable " + name);
                    case "datasource", "adhoc" -> List.of();
                    default -> {
                        fail(file + ": variable " + name + " of type " + type + ": the system test does not know its values");
                        yield List.of();
                    }
                };
                if (!type.equals("datasource") && !type.equals("adhoc") && values.stream().allMatch(String::isBlank)) {
                    fail(file + ": variable " + name + " has no value (" + variable + ")");
                }
                for (String value : values.stream().filter(v -> !v.isBlank() && !v.equals("$__all")).distinct().toList()) {
                    Map<String, String> extended = new TreeMap<>(binding);
                    extended.put(name, value);
                    next.add(extended);
                }
                if (values.isEmpty()) {
                    next.add(binding);
                }
            }
            bindings = next;
            if (bindings.size() > 500) {
                fail(file + ": more than 500 combinations of variable values");
            }
        }
        return bindings;
    }

    /** The values of a query variable: {@code label_values(label)} or {@code label_values(selector, label)}, from Prometheus. */
    private static List<String> labelValues(String prometheus, String query, String what) throws Exception {
        Matcher call = Pattern.compile("^\\s*label_values\\((?:(.*),)?\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\)\\s*$").matcher(query);
        if (!call.matches()) {
            fail(what + ": the system test only resolves label_values(...) queries, not " + query);
        }
        String url = prometheus + "/api/v1/label/" + call.group(2) + "/values"
                + (call.group(1) == null ? "" : "?match[]=" + URLEncoder.encode(call.group(1).trim(), StandardCharsets.UTF_8));
        HttpResponse<String> answer = get(url, null);
        assertEquals(200, answer != null ? answer.statusCode() : -1, () -> what + ": " + url + ": " + describe(answer));
        List<String> values = new ArrayList<>();
        JSON.readTree(answer.body()).path("data").forEach(value -> values.add(value.asText()));
        return values;
    }

    /** The query with Grafana's intervals and the bound variables ($name, ${name}, ${name:format}, [[name]]) substituted. */
    static String substitute(String expr, Map<String, String> binding, String where) {
        Matcher variable = Pattern.compile("\\$\\{(\\w+)(?::(\\w+))?}|\\$(\\w+)|\\[\\[(\\w+)]]").matcher(expr);
        StringBuilder result = new StringBuilder();
        while (variable.find()) {
            String name = variable.group(1) != null ? variable.group(1) : variable.group(3) != null ? variable.group(3) : variable.group(4);
            String value;
            if (Set.of("__rate_interval", "__interval", "__range").contains(name)) {
                value = RATE_INTERVAL;
            } else if (binding.containsKey(name)) {
                value = "regex".equals(variable.group(2))
                        ? binding.get(name).replaceAll("[\\\\^$.|?*+()\\[\\]{}]", "\\\\\\\\$0")
                        : binding.get(name);
            } else if (name.matches("\\d+")) {
                value = variable.group(); // a regex group reference of label_replace ("$1")
            } else {
                fail(where + ": variable $" + name + " is neither Grafana's nor one of the dashboard's templating.list: " + expr);
                return expr;
            }
            variable.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        variable.appendTail(result);
        return result.toString();
    }

    /**
     * The metric families a query reads, as regexes of {@code __name__}: the names of its selectors without the suffix
     * of a histogram or summary series ({@code http_server_requests_seconds_bucket} → {@code
     * http_server_requests_seconds(_bucket|_count|_sum|_max|_total|_created)?}), and its {@code __name__} matchers as they are.
     */
    static List<String> metricFamilies(String expr) {
        Set<String> families = new LinkedHashSet<>();
        Matcher nameMatcher = Pattern.compile("__name__\\s*=~?\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(expr);
        while (nameMatcher.find()) {
            families.add(nameMatcher.group(1).replace("\\\\", "\\"));
        }
        String bare = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")   // strings
                .replaceAll("\\{[^}]*}", "{}")                                   // label matchers
                .replaceAll("\\[[^]]*]", "[]")                                   // ranges
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        // a name that is not a function's (no "(" after it), nor part of a number or duration
        Matcher name = Pattern.compile("(?<![\\w:.])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()").matcher(bare);
        Set<String> keywords = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring",
                "group_left", "group_right", "inf", "nan", "atan2", "Inf", "NaN");
        while (name.find()) {
            if (!keywords.contains(name.group(1))) {
                families.add(name.group(1).replaceFirst("_(bucket|count|sum|max|total|created)$", "")
                        + "(_bucket|_count|_sum|_max|_total|_created)?");
            }
        }
        return List.copyOf(families);
    }

    private static String shortFamily(String family) {
        return family.replace("(_bucket|_count|_sum|_max|_total|_created)?", "*");
    }

    private static boolean hasData(JsonNode data) {
        JsonNode result = data.path("result");
        if ("scalar".equals(data.path("resultType").asText())) {
            return !"NaN".equals(result.path(1).asText());
        }
        for (JsonNode series : result) {
            if (series.has("value") && !"NaN".equals(series.path("value").path(1).asText())) {
                return true;
            }
            for (JsonNode value : series.path("values")) {
                if (!"NaN".equals(value.path(1).asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** An instant query of Prometheus's HTTP API, its answer as JSON (also a refusal: status "error"). */
    private static JsonNode promQuery(String prometheus, String query) throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(prometheus + "/api/v1/query"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("query=" + URLEncoder.encode(query, StandardCharsets.UTF_8))));
        return JSON.readTree(answer.body());
    }

    /** Waits until Prometheus has scraped every service since {@code since}. */
    private static void awaitScrapeAfter(String prometheus, Instant since) throws Exception {
        Set<String> instances = services.values().stream().map(s -> "127.0.0.1:" + s.port).collect(Collectors.toSet());
        await("Prometheus to scrape every service after " + since, Duration.ofSeconds(30), () -> {
            HttpResponse<String> targets = get(prometheus + "/api/v1/targets?state=active", null);
            if (targets == null || targets.statusCode() != 200) {
                return Optional.empty();
            }
            Set<String> scraped = new TreeSet<>();
            for (JsonNode target : JSON.readTree(targets.body()).path("data").path("activeTargets")) {
                if ("up".equals(target.path("health").asText())
                        && Instant.parse(target.path("lastScrape").asText()).isAfter(since)) {
                    scraped.add(target.path("labels").path("instance").asText());
                }
            }
            return scraped.containsAll(instances) ? Optional.of(true) : Optional.empty();
        }, () -> describe(get(prometheus + "/api/v1/targets?state=active", null)));
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
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
                .replaceAll("scrape_timeout:\\s*\\S+", "scrape_timeout: 1s")
                // the resolution of the dashboards' subqueries ([$__rate_interval:])
                .replaceAll("evaluation_interval:\\s*\\S+", "evaluation_interval: 1s");
        Path written = workDir.resolve("prometheus.yml");
        Files.writeString(written, config);
        return written;
    }

    /** Deletes the queues the services consume from (and their DLQs): messages left by earlier runs must not count. */
    private static void deleteQueues() throws Exception {
        List<String> queues = new ArrayList<>();
        for (String module : MODULES) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(projectDir.resolve(module).resolve("src/main/resources/application.properties"))) {
                properties.load(reader);
            }
            properties.stringPropertyNames().stream()
                    .filter(key -> key.startsWith("mp.messaging.incoming.")
                            && (key.endsWith(".queue.name") || key.endsWith(".dead-letter-queue-name")))
                    .map(key -> resolved(properties, properties.getProperty(key)))
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
                    // deleted, not purged: the service declares it again with its current arguments (queue type)
                    int deleted = channel.queueDelete(queue).getMessageCount();
                    if (deleted > 0) {
                        System.out.println("Deleted " + queue + " with " + deleted + " old message(s)");
                    }
                    channel.close();
                } catch (IOException e) {
                    // the queue does not exist yet: the service declares it (the failure closed the channel)
                }
            }
        }
    }

    /** The value with each {@code ${key}} of another key of the file replaced (broker.prefix in the broker names). */
    private static String resolved(Properties properties, String value) {
        return Pattern.compile("\\$\\{([a-z][a-z0-9.-]*)}").matcher(value).replaceAll(reference -> {
            String referenced = properties.getProperty(reference.group(1));
            return Matcher.quoteReplacement(referenced != null ? referenced : reference.group());
        });
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

package dev.msframework.test;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A service for InputFuzz to call, on a JDK HttpServer: the OpenAPI document fixture-openapi.json, its three operations, a
 * Telegram-like webhook without document, and readiness. Without bugs it validates everything and answers 400 problem+json;
 * each {@link Bug} breaks it in one way.
 */
final class FixtureService implements AutoCloseable {

    enum Bug {
        /** 500 when a string of a body contains U+0000. */
        NUL_IN_BODY_IS_500,
        /** 500 when page * size overflows an int (Math.multiplyExact). */
        PAGE_TIMES_SIZE_OVERFLOWS,
        /** 400s are application/json, not problem+json. */
        PLAIN_JSON_400,
        /** 400s are problem+json whose status says 422. */
        PROBLEM_STATUS_IS_WRONG,
        /** The webhook answers 500 when update_id is not an integer. */
        WEBHOOK_WRONG_TYPE_IS_500,
        /** Readiness answers 503. */
        NOT_READY
    }

    /** Thrown by a handler: the problem to answer. */
    private static final class Invalid extends RuntimeException {
        private final int status;

        Invalid(int status, String detail) {
            super(detail);
            this.status = status;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> NEW_ITEM = Set.of("name", "quantity", "due", "status");

    private final Set<Bug> bugs;
    private final HttpServer server;
    /** Every request to the operations: method, raw URI, Idempotency-Key, body; and the status answered. */
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    final List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());

    FixtureService(Bug... bugs) {
        this.bugs = bugs.length == 0 ? EnumSet.noneOf(Bug.class) : EnumSet.of(bugs[0], bugs);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (path.equals("/q/openapi")) {
                try (InputStream document = FixtureService.class.getResourceAsStream("fixture-openapi.json")) {
                    send(exchange, 200, "application/json", new String(document.readAllBytes(), StandardCharsets.UTF_8));
                }
                return;
            }
            if (path.equals("/q/health/ready")) {
                boolean ready = !bugs.contains(Bug.NOT_READY);
                send(exchange, ready ? 200 : 503, "application/json", "{\"status\":\"" + (ready ? "UP" : "DOWN") + "\"}");
                return;
            }
            requests.add(method + " " + exchange.getRequestURI().getRawPath() + "?" + exchange.getRequestURI().getRawQuery()
                    + " key=" + exchange.getRequestHeaders().getFirst("Idempotency-Key") + " body=" + body);
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            if (method.equals("GET") && path.equals("/items")) {
                send(exchange, 200, "application/json", list(query));
            } else if (method.equals("POST") && path.equals("/items")) {
                send(exchange, 201, "application/json", create(exchange.getRequestHeaders().getFirst("Idempotency-Key"), body));
            } else if (method.equals("GET") && path.startsWith("/items/")) {
                send(exchange, 200, "application/json", get(URLDecoder.decode(path.substring("/items/".length()), StandardCharsets.UTF_8)));
            } else if (method.equals("POST") && path.equals("/telegram/webhook")) {
                send(exchange, 200, "application/json", webhook(body));
            } else {
                throw new Invalid(404, "no such resource");
            }
        } catch (Invalid invalid) {
            int status = bugs.contains(Bug.PROBLEM_STATUS_IS_WRONG) ? 422 : invalid.status;
            String type = bugs.contains(Bug.PLAIN_JSON_400) ? "application/json" : "application/problem+json";
            send(exchange, invalid.status, type, JSON.createObjectNode().put("type", "about:blank").put("title", "Bad Request")
                    .put("status", status).put("detail", invalid.getMessage()).toString());
        } catch (RuntimeException e) {
            send(exchange, 500, "text/plain", e.toString());
        }
    }

    private String list(Map<String, String> query) {
        int page = integer(query, "page", 0);
        int size = integer(query, "size", 20);
        if (page < 0 || size < 1 || size > 100) {
            throw new Invalid(400, "page or size out of bounds");
        }
        if (query.containsKey("from")) {
            date(query.get("from"));
        }
        long offset = bugs.contains(Bug.PAGE_TIMES_SIZE_OVERFLOWS) ? Math.multiplyExact(page, size) : (long) page * size;
        return "{\"items\":[],\"offset\":" + offset + "}";
    }

    private String create(String idempotencyKey, String body) {
        if (idempotencyKey != null && !idempotencyKey.matches("\\p{XDigit}{8}(-\\p{XDigit}{4}){3}-\\p{XDigit}{12}")) {
            throw new Invalid(400, "Idempotency-Key is no UUID");
        }
        if (bugs.contains(Bug.NUL_IN_BODY_IS_500) && body.contains("\\u0000")) {
            throw new IllegalStateException("invalid byte sequence for encoding \"UTF8\": 0x00");
        }
        JsonNode item = object(body);
        item.fieldNames().forEachRemaining(name -> {
            if (!NEW_ITEM.contains(name)) {
                throw new Invalid(400, "unknown property " + name);
            }
        });
        JsonNode name = item.path("name");
        if (!name.isTextual() || name.asText().isBlank() || name.asText().length() > 50) {
            throw new Invalid(400, "name");
        }
        JsonNode quantity = item.path("quantity");
        if (!quantity.isIntegralNumber() || !quantity.canConvertToInt() || quantity.intValue() < 1 || quantity.intValue() > 1000) {
            throw new Invalid(400, "quantity");
        }
        if (!item.path("due").isTextual()) {
            throw new Invalid(400, "due");
        }
        date(item.get("due").asText());
        if (!item.path("status").isTextual() || !Set.of("OPEN", "DONE").contains(item.get("status").asText())) {
            throw new Invalid(400, "status");
        }
        return item.toString();
    }

    private String get(String id) {
        try {
            if (Long.parseLong(id) == 1) {
                return "{\"id\":1}";
            }
        } catch (NumberFormatException e) {
            throw new Invalid(400, "id is no integer");
        }
        throw new Invalid(404, "no item " + id);
    }

    private String webhook(String body) {
        JsonNode update = object(body);
        JsonNode updateId = update.path("update_id");
        if (!updateId.isIntegralNumber() || !updateId.canConvertToLong()) {
            if (bugs.contains(Bug.WEBHOOK_WRONG_TYPE_IS_500)) {
                throw new ClassCastException(updateId.getNodeType() + " cannot be cast to java.lang.Long");
            }
            throw new Invalid(400, "update_id");
        }
        return "{}";
    }

    private static JsonNode object(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new Invalid(400, "the body is no JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw new Invalid(400, "the body is no JSON");
        }
    }

    private static int integer(Map<String, String> query, String name, int absent) {
        String value = query.get(name);
        if (value == null) {
            return absent;
        }
        if (!value.matches("-?[0-9]{1,10}")) {
            throw new Invalid(400, name + " is no integer");
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new Invalid(400, name + " is no int");
        }
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new Invalid(400, "no date: " + text);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                query.put(URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8),
                        equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        if (!exchange.getRequestURI().getPath().startsWith("/q/")) {
            statuses.add(status);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}

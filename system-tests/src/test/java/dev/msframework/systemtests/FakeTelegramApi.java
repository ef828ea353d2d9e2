package dev.msframework.systemtests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The Telegram Bot API as far as the bot uses it ({@code POST /bot<token>/<method>} with JSON):
 * getUpdates hands out the queued updates (waiting up to a second for one, then an empty result),
 * sendMessage records the message, getMe, deleteWebhook and setWebhook answer ok. A wrong token is a 401.
 */
final class FakeTelegramApi implements AutoCloseable {

    /** A message the bot sent. */
    record SentMessage(long chatId, String text) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String token;
    private final HttpServer server;
    private final BlockingQueue<Map<String, Object>> updates = new LinkedBlockingQueue<>();
    private final List<SentMessage> sent = new CopyOnWriteArrayList<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final AtomicLong nextUpdateId = new AtomicLong(Instant.now().getEpochSecond());
    private final AtomicLong nextMessageId = new AtomicLong(1);

    FakeTelegramApi(String token) throws IOException {
        this.token = token;
        server = LoopbackHttpServer.start("/", this::handle, 8);
    }

    String url() {
        return LoopbackHttpServer.url(server);
    }

    /** Queues a text message from a user in a private chat; the bot gets it with its next getUpdates. */
    void sendText(long chatId, String text) {
        Map<String, Object> user = Map.of("id", chatId, "is_bot", false, "first_name", "E2E");
        updates.add(Map.of("update_id", nextUpdateId.incrementAndGet(), "message", Map.of(
                "message_id", nextMessageId.incrementAndGet(), "from", user,
                "chat", Map.of("id", chatId, "type", "private"),
                "date", Instant.now().getEpochSecond(), "text", text)));
    }

    List<SentMessage> sent() {
        return List.copyOf(sent);
    }

    /** The methods called so far, in order (e.g. deleteWebhook, getUpdates, ...). */
    List<String> calls() {
        return List.copyOf(calls);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String prefix = "/bot" + token + "/";
            if (!path.startsWith(prefix)) {
                respond(exchange, 401, Map.of("ok", false, "error_code", 401, "description", "Unauthorized"));
                return;
            }
            String method = path.substring(prefix.length());
            calls.add(method);
            byte[] raw = exchange.getRequestBody().readAllBytes();
            JsonNode body = raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
            switch (method) {
                case "getMe" -> ok(exchange, Map.of("id", 100000001, "is_bot", true, "first_name", "E2E bot", "username", "e2e_bot"));
                case "deleteWebhook", "setWebhook" -> ok(exchange, true);
                case "getUpdates" -> {
                    Map<String, Object> first = updates.poll(1, TimeUnit.SECONDS);
                    List<Map<String, Object>> result = new ArrayList<>();
                    if (first != null) {
                        result.add(first);
                        updates.drainTo(result);
                    }
                    ok(exchange, result);
                }
                case "sendMessage" -> {
                    long chatId = body.path("chat_id").asLong();
                    String text = body.path("text").asText();
                    sent.add(new SentMessage(chatId, text));
                    ok(exchange, Map.of("message_id", nextMessageId.incrementAndGet(), "date", Instant.now().getEpochSecond(),
                            "chat", Map.of("id", chatId, "type", "private"), "text", text));
                }
                default -> respond(exchange, 404, Map.of("ok", false, "error_code", 404, "description", "Not Found: method " + method));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void ok(HttpExchange exchange, Object result) throws IOException {
        respond(exchange, 200, Map.of("ok", true, "result", result));
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        LoopbackHttpServer.stop(server);
    }
}

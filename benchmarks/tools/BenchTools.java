import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * What the benchmark needs beyond the Python standard library, one command each:
 * <ul>
 * <li>{@code jwt <dir> <issuer>}: an RSA key pair; writes {@code <dir>/jwt-public.pem} and prints an RS256 token
 * (groups user and admin, valid 12 h) that the api service accepts with that key and issuer;</li>
 * <li>{@code mongo <port>}: an in-memory MongoDB wire endpoint on 127.0.0.1 until standard input closes;</li>
 * <li>{@code publish <options>}: CloudEvents to a topic exchange with publisher confirms, reconnecting when the
 * broker goes away; prints one JSON line of counts and writes the ids the broker confirmed;</li>
 * <li>{@code queue --queue <q> --exchange <e> --routing-key <k>}: declares a durable quorum queue and binds it;</li>
 * <li>{@code drain --queue <q> --count <n> --prefetch <p>}: the baseline of the event pipeline, a bare consumer that
 * acknowledges each message of the queue one by one (as the services' connector does) and does nothing else; prints one
 * JSON line with the seconds from the first message to the n-th.</li>
 * </ul>
 */
public final class BenchTools {

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: BenchTools jwt|mongo|publish|drain ...");
        }
        switch (args[0]) {
            case "jwt" -> jwt(Path.of(args[1]), args[2]);
            case "mongo" -> mongo(Integer.parseInt(args[1]));
            case "publish" -> new Publisher(options(args)).run();
            case "queue" -> queue(options(args));
            case "drain" -> drain(options(args));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    // ----- JWT -----

    /** The audience of the tokens; the api is started with JWT_AUDIENCE set to it (stack.py). */
    static final String AUDIENCE = "benchmark-api";

    static void jwt(Path dir, String issuer) throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        Base64.Encoder mime = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("jwt-public.pem"), "-----BEGIN PUBLIC KEY-----\n"
                + mime.encodeToString(keys.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String claims = "{\"iss\":\"" + issuer + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"bench\",\"upn\":\"bench\",\"groups\":[\"user\",\"admin\"],"
                + "\"iat\":" + now + ",\"exp\":" + (now + 12 * 3600) + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String unsigned = url.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(keys.getPrivate());
        rs256.update(unsigned.getBytes(StandardCharsets.US_ASCII));
        System.out.println(unsigned + "." + url.encodeToString(rs256.sign()));
    }

    // ----- MongoDB wire endpoint -----

    static void mongo(int port) throws IOException {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", port);
        System.out.println("mongo listening on 127.0.0.1:" + port);
        System.out.flush();
        // runs as long as the benchmark that started it: its standard input closes when the benchmark ends
        while (System.in.read() >= 0) {
            // nothing to read
        }
        server.shutdownNow();
    }

    // ----- baseline consumer -----

    static void queue(Map<String, String> options) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(options.getOrDefault("uri", "amqp://guest:guest@127.0.0.1:5672/%2F"));
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            channel.queueDeclare(options.get("queue"), true, false, false, Map.of("x-queue-type", "quorum"));
            channel.queueBind(options.get("queue"), options.get("exchange"), options.get("routing-key"));
        }
    }

    static void drain(Map<String, String> options) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(options.getOrDefault("uri", "amqp://guest:guest@127.0.0.1:5672/%2F"));
        String queue = options.get("queue");
        int count = Integer.parseInt(options.get("count"));
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(count);
        long[] first = {0};
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            channel.basicQos(Integer.parseInt(options.getOrDefault("prefetch", "128")));
            channel.basicConsume(queue, false, (tag, delivery) -> {
                if (first[0] == 0) {
                    first[0] = System.nanoTime();
                }
                channel.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
                done.countDown();
            }, tag -> { });
            if (!done.await(Long.parseLong(options.getOrDefault("timeout-seconds", "600")), TimeUnit.SECONDS)) {
                throw new IllegalStateException((count - done.getCount()) + " of " + count + " messages drained in time");
            }
            System.out.printf("{\"drained\": %d, \"seconds\": %.3f}%n", count, (System.nanoTime() - first[0]) / 1e9);
            channel.queueDelete(queue);
        }
    }

    // ----- CloudEvents publisher -----

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    /**
     * Publishes {@code --count} events of type {@code --type} about the entity {@code --entity-id} to
     * {@code --exchange} (routing key = type), persistent, at most {@code --rate} per second (0: as fast as the
     * confirms allow), plus {@code --poison} malformed messages spread over the stream. A publish that fails because
     * the connection is gone is retried on a new connection for up to {@code --reconnect-seconds}; events sent but
     * unconfirmed when a connection dies count as unconfirmed (not acknowledged), never as lost or sent twice.
     */
    static final class Publisher {

        private static final int MAX_UNCONFIRMED = 2000;

        private final ConnectionFactory factory = new ConnectionFactory();
        private final String exchange;
        private final String type;
        private final long entityId;
        private final int count;
        private final int poison;
        private final double rate;
        private final long reconnectMillis;
        private final Path idsOut;

        private final List<String> acked = new CopyOnWriteArrayList<>();
        private int sent;
        private int nacked;
        private int unconfirmed;
        private int reconnects;

        /** Publish sequence number -> event id, for the messages of the current channel not yet confirmed. */
        private ConcurrentNavigableMap<Long, String> outstanding = new ConcurrentSkipListMap<>();
        private Connection connection;
        private Channel channel;

        Publisher(Map<String, String> options) throws Exception {
            factory.setUri(options.getOrDefault("uri", "amqp://guest:guest@127.0.0.1:5672/%2F"));
            factory.setAutomaticRecoveryEnabled(false);
            factory.setConnectionTimeout(3000);
            exchange = required(options, "exchange");
            type = required(options, "type");
            entityId = Long.parseLong(required(options, "entity-id"));
            count = Integer.parseInt(required(options, "count"));
            poison = Integer.parseInt(options.getOrDefault("poison", "0"));
            rate = Double.parseDouble(options.getOrDefault("rate", "0"));
            reconnectMillis = (long) (Double.parseDouble(options.getOrDefault("reconnect-seconds", "60")) * 1000);
            idsOut = Path.of(required(options, "ids-out"));
        }

        private static String required(Map<String, String> options, String name) {
            String value = options.get(name);
            if (value == null) {
                throw new IllegalArgumentException("missing --" + name);
            }
            return value;
        }

        void run() throws Exception {
            long start = System.nanoTime();
            connect(start);
            int total = count + poison;
            int poisonEvery = poison == 0 ? Integer.MAX_VALUE : Math.max(1, total / poison);
            int poisonSent = 0;
            for (int i = 0; i < total; i++) {
                boolean isPoison = poisonSent < poison && (i % poisonEvery == poisonEvery - 1 || total - i <= poison - poisonSent);
                if (isPoison) {
                    poisonSent++;
                }
                String id = UUID.randomUUID().toString();
                byte[] body = isPoison ? poisonBody(poisonSent, id) : event(id, i).getBytes(StandardCharsets.UTF_8);
                if (rate > 0) {
                    long due = start + (long) (i * 1e9 / rate);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
                while (!publish(isPoison ? "poison-" + id : id, body)) {
                    connect(System.nanoTime());
                }
            }
            awaitConfirms(30_000);
            closeQuietly();
            unconfirmed += outstanding.size();
            double seconds = (System.nanoTime() - start) / 1e9;
            List<String> ids = new ArrayList<>(acked);
            Files.write(idsOut, ids, StandardCharsets.UTF_8);
            long poisonAcked = ids.stream().filter(id -> id.startsWith("poison-")).count();
            System.out.printf("{\"sent\": %d, \"acked\": %d, \"acked_poison\": %d, \"nacked\": %d, \"unconfirmed\": %d, "
                    + "\"reconnects\": %d, \"seconds\": %.3f}%n", sent, ids.size(), poisonAcked, nacked, unconfirmed, reconnects, seconds);
        }

        /** @return false when the connection is gone (the message was not sent) */
        private boolean publish(String id, byte[] body) throws InterruptedException {
            while (outstanding.size() >= MAX_UNCONFIRMED && channel.isOpen()) {
                Thread.sleep(1);
            }
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                    .contentType("application/cloudevents+json")
                    .deliveryMode(2)
                    .messageId(id)
                    .type(type)
                    .build();
            try {
                long seq = channel.getNextPublishSeqNo();
                outstanding.put(seq, id);
                try {
                    channel.basicPublish(exchange, type, properties, body);
                } catch (IOException | RuntimeException e) {
                    outstanding.remove(seq);
                    throw e;
                }
                sent++;
                return true;
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }

        /** Opens a connection and a confirming channel; after a lost connection, tries again until the deadline. */
        private void connect(long since) throws Exception {
            if (connection != null) {
                var reason = channel.getCloseReason();
                if (reason != null && !reason.isHardError()) {
                    throw new IllegalStateException("the broker closed the channel: " + reason.getMessage(), reason);
                }
                closeQuietly();
                unconfirmed += outstanding.size();
                reconnects++;
                System.err.println("publisher: connection lost after " + sent + " sent; reconnecting");
            }
            while (true) {
                try {
                    connection = factory.newConnection("msframework-benchmark");
                    channel = connection.createChannel();
                    channel.confirmSelect();
                    ConcurrentNavigableMap<Long, String> mine = new ConcurrentSkipListMap<>();
                    outstanding = mine;
                    channel.addConfirmListener((seq, multiple) -> confirm(mine, seq, multiple, true),
                            (seq, multiple) -> confirm(mine, seq, multiple, false));
                    return;
                } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException e) {
                    if (System.nanoTime() - since > reconnectMillis * 1_000_000) {
                        throw new IllegalStateException("no connection to the broker for " + reconnectMillis / 1000 + " s: " + e, e);
                    }
                    Thread.sleep(250);
                }
            }
        }

        private void confirm(ConcurrentNavigableMap<Long, String> of, long seq, boolean multiple, boolean ack) {
            Map<Long, String> done = multiple ? of.headMap(seq, true) : of.subMap(seq, true, seq, true);
            for (String id : new ArrayList<>(done.values())) {
                if (ack) {
                    acked.add(id);
                } else {
                    synchronized (this) {
                        nacked++;
                    }
                }
            }
            done.clear();
        }

        private void awaitConfirms(long millis) throws InterruptedException {
            long deadline = System.currentTimeMillis() + millis;
            while (!outstanding.isEmpty() && channel.isOpen() && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
        }

        private void closeQuietly() {
            try {
                if (connection != null && connection.isOpen()) {
                    connection.close(2000);
                }
            } catch (IOException | RuntimeException e) {
                // gone already
            }
        }

        private String event(String id, int i) {
            String now = Instant.now().toString();
            return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/benchmark/publisher\",\"type\":\"" + type + "\","
                    + "\"time\":\"" + now + "\",\"datacontenttype\":\"application/json\",\"data\":{\"id\":" + entityId + ","
                    + "\"title\":\"benchmark event " + i + "\",\"status\":\"OPEN\",\"createdAt\":\"" + now + "\","
                    + "\"updatedAt\":\"" + now + "\",\"version\":0}}";
        }

        /** Malformed in turn in every way a consumer must survive; the last kind is valid JSON that data-mongo rejects (400). */
        private byte[] poisonBody(int n, String id) {
            String now = Instant.now().toString();
            String valid = "\"source\":\"/benchmark/poison\",\"time\":\"" + now + "\",\"datacontenttype\":\"application/json\"";
            String text = switch (n % 7) {
                case 0 -> "this is not JSON {";
                case 1 -> "{\"hello\":\"world\"}";
                case 2 -> "{\"specversion\":\"0.3\",\"id\":\"" + id + "\",\"type\":\"" + type + "\"," + valid + ",\"data\":{\"id\":1}}";
                case 3 -> "{\"specversion\":\"1.0\",\"type\":\"" + type + "\"," + valid + ",\"data\":{\"id\":1}}";
                // (an event of a type nobody handles is not poison: the consumer acknowledges and ignores it)
                case 4 -> "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"type\":\"" + type + "\"," + valid + ",\"data\":\"not an object\"}";
                case 5 -> "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"type\":\"" + type + "\"," + valid + ",\"data\":{}}";
                default -> "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"type\":\"" + type + "\"," + valid + ",\"data\":{\"id\":-1}}";
            };
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }

    private BenchTools() {
    }

    static {
        // the JVM's default output must not be buffered away when the benchmark reads it line by line
        System.setOut(new PrintStream(System.out, true, StandardCharsets.UTF_8));
    }
}

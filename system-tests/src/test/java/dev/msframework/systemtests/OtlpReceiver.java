package dev.msframework.systemtests;

import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

/**
 * An OTLP/HTTP trace receiver (protobuf): the services export to {@code http://127.0.0.1:<port>} and it keeps
 * every span with the {@code service.name} of its resource.
 */
final class OtlpReceiver implements AutoCloseable {

    /** One received span. */
    record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name, String kind) {
        @Override
        public String toString() {
            return service + " " + kind + " '" + name + "' trace=" + traceId + " span=" + spanId + " parent=" + parentSpanId;
        }
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

    OtlpReceiver() throws IOException {
        server = LoopbackHttpServer.start("/v1/traces", this::receive, 4);
    }

    String endpoint() {
        return LoopbackHttpServer.url(server);
    }

    List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    /** Trace id -> names of the services that reported spans of it. */
    Map<String, Set<String>> servicesByTrace() {
        return spans.stream().collect(Collectors.groupingBy(ReceivedSpan::traceId,
                Collectors.mapping(ReceivedSpan::service, Collectors.toCollection(TreeSet::new))));
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            InputStream body = exchange.getRequestBody();
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                body = new GZIPInputStream(body);
            }
            int status = 200;
            try {
                collect(ExportTraceServiceRequest.parseFrom(body.readAllBytes()));
            } catch (IOException | RuntimeException e) {
                status = 400;
            }
            // an empty ExportTraceServiceResponse: no body
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(status, -1);
        }
    }

    private void collect(ExportTraceServiceRequest request) {
        HexFormat hex = HexFormat.of();
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
            String service = resourceSpans.getResource().getAttributesList().stream()
                    .filter(attribute -> attribute.getKey().equals("service.name"))
                    .map(attribute -> attribute.getValue().getStringValue())
                    .findFirst().orElse("?");
            for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                scopeSpans.getSpansList().forEach(span -> spans.add(new ReceivedSpan(service,
                        hex.formatHex(span.getTraceId().toByteArray()), hex.formatHex(span.getSpanId().toByteArray()),
                        hex.formatHex(span.getParentSpanId().toByteArray()), span.getName(), span.getKind().name())));
            }
        }
    }

    @Override
    public void close() {
        LoopbackHttpServer.stop(server);
    }
}

package dev.msframework.outbox;

import java.util.List;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * The W3C {@code traceparent} of a span, stored with an outbox row, and back: the relay publishes hours or milliseconds
 * later on a thread of its own, and the message it sends still belongs to the writer's trace.
 */
final class TraceParent {

    static final String HEADER = "traceparent";

    private static final TextMapGetter<String> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(HEADER);
        }

        @Override
        public String get(String carrier, String key) {
            return HEADER.equals(key) ? carrier : null;
        }
    };

    private TraceParent() {
    }

    /** The {@code traceparent} of the current span; {@code null} when there is none (or OpenTelemetry is off). */
    static String ofCurrentSpan() {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid()) {
            return null;
        }
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
    }

    /** A context whose (remote) parent span is the one {@code traceparent} names; {@code null} if it names none. */
    static Context toContext(String traceparent) {
        if (traceparent == null) {
            return null;
        }
        Context context = W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent, GETTER);
        return Span.fromContext(context).getSpanContext().isValid() ? context : null;
    }
}

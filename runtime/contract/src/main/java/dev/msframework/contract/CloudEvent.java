package dev.msframework.contract;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A CloudEvents 1.0 event in structured JSON mode: the whole message body is this object. The W3C
 * {@code traceparent} travels beside it as a message header (added by OpenTelemetry).
 *
 * @param specversion     always {@value #SPEC_VERSION}
 * @param id              unique per event; consumers use it to process each event once
 * @param source          URI reference of the producer, e.g. {@code /acme-tasks/api-service}
 * @param type            e.g. {@code <entity>.created}; also the RabbitMQ routing key
 * @param time            when the change happened
 * @param datacontenttype always {@code application/json}
 * @param data            the payload
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent<T>(
        String specversion,
        String id,
        String source,
        String type,
        OffsetDateTime time,
        String datacontenttype,
        T data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json";

    public static <T> CloudEvent<T> of(String source, String type, T data) {
        return new CloudEvent<>(SPEC_VERSION, UUID.randomUUID().toString(), source, type,
                OffsetDateTime.now(ZoneOffset.UTC), "application/json", data);
    }
}

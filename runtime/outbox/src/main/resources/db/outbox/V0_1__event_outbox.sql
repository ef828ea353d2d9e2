-- The transactional outbox of msframework-outbox (dev.msframework.outbox.Outbox): one row per CloudEvent, written in
-- the transaction of the entity it reports, deleted by OutboxRelay once RabbitMQ confirmed it. A service takes this
-- migration by adding db/outbox to quarkus.flyway.locations; the table goes into Flyway's default schema.
create table event_outbox (
    -- the relay publishes in this order
    position    bigint generated always as identity primary key,
    -- the CloudEvent id, also the AMQP message-id: consumers deduplicate by it
    event_id    varchar(64)  not null,
    -- the CloudEvent type, also the routing key
    type        varchar(255) not null,
    -- the whole CloudEvent, structured JSON mode: the message body
    body        text         not null,
    -- W3C trace context of the writer's span (null without one): the published message continues its trace
    traceparent varchar(64),
    created_at  timestamptz  not null default now()
);

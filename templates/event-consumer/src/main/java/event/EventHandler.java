package ${package}.event;

import ${package}.contract.${entity}Dto;
import ${package}.contract.event.CloudEvent;

/**
 * What a service does with a ${entity} event; {@link ${entity}EventConsumer} calls the one bean that
 * implements it, once per event id, after parsing and de-duplication. Throw {@link PoisonEventException}
 * (or let a 4xx from a data service escape) for an event that can never succeed; transient failures
 * (see {@link EventFailures}) are retried with backoff. Returning normally acknowledges the message.
 */
public interface ${entity}EventHandler {

    void handle(CloudEvent<${entity}Dto> event);
}

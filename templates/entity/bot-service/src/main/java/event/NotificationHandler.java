package ${package}.event;

import dev.msframework.events.EventHandler;
import dev.msframework.events.TransientEventException;

import java.util.Collections;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import ${package}.bot.ChatMessenger;
import ${package}.bot.Subscriptions;
import ${package}.bot.${entity}Summary;
import ${package}.contract.${entity}Dto;
import dev.msframework.contract.CloudEvent;
import ${package}.contract.event.${entity}Events;

/**
#if( $model.dateField )
 * Notifications: each ${eventPrefix}.created and ${eventPrefix}.${model.dateField.kebab}-passed event becomes a
 * message to every subscribed chat. The service's one consumer (queue ${appName}.bot.notifications, bound to every
 * event) hands it these types; it acknowledges every other event, of other types or entities, without a message.
#else
 * Notifications: each ${eventPrefix}.created event becomes a message to every subscribed chat. The service's one
 * consumer (queue ${appName}.bot.notifications, bound to every event) hands it this type; it acknowledges every other
 * event, of other types or entities, without a message.
#end
 * Parsing, de-duplication by event id, retries and dead-lettering are done by {@link EventProcessor}. A chat that
 * cannot be reached is counted and skipped: the others still get their message, and the event is not redelivered
 * to all of them again.
 */
@ApplicationScoped
public class NotificationHandler implements EventHandler<${entity}Dto> {

    private static final Logger LOG = Logger.getLogger(NotificationHandler.class);

    private final Subscriptions subscriptions;
    private final ChatMessenger messenger;

    NotificationHandler(Subscriptions subscriptions, ChatMessenger messenger) {
        this.subscriptions = subscriptions;
        this.messenger = messenger;
    }

    @Override
    public Set<String> eventTypes() {
#if( $model.dateField )
        return Set.of(${entity}Events.CREATED, ${entity}Events.${model.dateField.constant}_PASSED);
#else
        return Set.of(${entity}Events.CREATED);
#end
    }

    @Override
    public Class<${entity}Dto> dataType() {
        return ${entity}Dto.class;
    }

    @Override
    public void handle(CloudEvent<${entity}Dto> event) {
        notify(event, chats());
    }

    /** The events of a batch: the subscribed chats are read once for all of them. */
    @Override
    public List<RuntimeException> handleAll(List<CloudEvent<${entity}Dto>> events) {
        Set<Long> chats;
        try {
            chats = chats();
        } catch (RuntimeException e) {
            return Collections.nCopies(events.size(), e);
        }
        return EventHandler.oneByOne(events, event -> notify(event, chats));
    }

    private Set<Long> chats() {
        try {
            return subscriptions.chats();
        } catch (RuntimeException e) {
            throw new TransientEventException("subscriptions unavailable: " + e.getMessage(), e);
        }
    }

    private void notify(CloudEvent<${entity}Dto> event, Set<Long> chats) {
        if (chats.isEmpty()) {
            LOG.debugf("Event %s (%s): no chat is subscribed", event.id(), event.type());
            return;
        }
        String text = text(event);
        if (text == null) {
            LOG.debugf("Event %s (%s) is not notified", event.id(), event.type());
            return;
        }
        int sent = 0;
        for (long chatId : chats) {
            sent += messenger.send(chatId, text) ? 1 : 0;
        }
        LOG.infof("Event %s (%s) sent to %d of %d subscribed chats", event.id(), event.type(), sent, chats.size());
    }

    static String text(CloudEvent<${entity}Dto> event) {
        ${entity}Dto ${entityVar} = event.data();
        return switch (event.type()) {
            case ${entity}Events.CREATED -> "New ${entity} " + ${entity}Summary.entry(${entityVar});
#if( $model.dateField )
#set( $label = $model.dateField.label )
            case ${entity}Events.${model.dateField.constant}_PASSED -> "${label.substring(0, 1).toUpperCase()}${label.substring(1)} passed: ${entity} "
                    + ${entity}Summary.line(${entityVar});
#end
            default -> null;
        };
    }
}

package ${package}.event;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import ${package}.bot.ChatMessenger;
import ${package}.bot.Subscriptions;
import ${package}.contract.${entity}Dto;
import ${package}.contract.event.CloudEvent;
import ${package}.contract.event.${entity}Events;

/**
 * Notifications: each ${eventPrefix}.created and ${eventPrefix}.overdue event (queue ${appName}.bot.notifications)
 * becomes a message to every subscribed chat. Parsing, de-duplication by event id, retries and dead-lettering
 * are done by {@link EventProcessor}. A chat that cannot be reached is counted and skipped: the others still
 * get their message, and the event is not redelivered to all of them again.
 */
@ApplicationScoped
public class NotificationHandler implements ${entity}EventHandler {

    private static final Logger LOG = Logger.getLogger(NotificationHandler.class);

    private final Subscriptions subscriptions;
    private final ChatMessenger messenger;

    NotificationHandler(Subscriptions subscriptions, ChatMessenger messenger) {
        this.subscriptions = subscriptions;
        this.messenger = messenger;
    }

    @Override
    public void handle(CloudEvent<${entity}Dto> event) {
        String text = text(event);
        if (text == null) {
            LOG.debugf("Event %s (%s) is not notified", event.id(), event.type());
            return;
        }
        Set<Long> chats;
        try {
            chats = subscriptions.chats();
        } catch (RuntimeException e) {
            throw new TransientEventException("subscriptions unavailable: " + e.getMessage(), e);
        }
        int sent = 0;
        for (long chatId : chats) {
            sent += messenger.send(chatId, text) ? 1 : 0;
        }
        LOG.infof("Event %s (%s) sent to %d of %d subscribed chats", event.id(), event.type(), sent, chats.size());
    }

    static String text(CloudEvent<${entity}Dto> event) {
        ${entity}Dto ${entityVar} = event.data();
        String title = ${entityVar}.title() != null ? " " + ${entityVar}.title() : "";
        return switch (event.type()) {
            case ${entity}Events.CREATED -> "New ${entity} #" + ${entityVar}.id() + ":" + title;
            case ${entity}Events.OVERDUE -> "Overdue: ${entity} #" + ${entityVar}.id() + title
                    + (${entityVar}.dueDate() != null ? " (was due " + ${entityVar}.dueDate() + ")" : "");
            default -> null;
        };
    }
}

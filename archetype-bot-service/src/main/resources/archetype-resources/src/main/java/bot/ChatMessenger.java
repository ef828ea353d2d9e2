package ${package}.bot;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import ${package}.telegram.BotApi;
import ${package}.telegram.TelegramApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sends text to a chat and counts the outcome: {@code bot.messages.sent} and {@code bot.messages.failed}
 * (tag {@code reason}: rate-limited, blocked, rejected, unreachable). A chat that blocked the bot (403) is
 * unsubscribed. Sending never throws: a reply or notification that cannot be delivered is logged and counted.
 */
@ApplicationScoped
public class ChatMessenger {

    private static final Logger LOG = Logger.getLogger(ChatMessenger.class);

    private final BotApi botApi;
    private final Subscriptions subscriptions;
    private final MeterRegistry registry;
    private final Counter sent;

    ChatMessenger(BotApi botApi, Subscriptions subscriptions, MeterRegistry registry) {
        this.botApi = botApi;
        this.subscriptions = subscriptions;
        this.registry = registry;
        this.sent = registry.counter("bot.messages.sent");
    }

    /** @return whether Telegram accepted the message */
    public boolean send(long chatId, String text) {
        try {
            botApi.sendMessage(chatId, text);
            sent.increment();
            return true;
        } catch (TelegramApiException e) {
            String reason = switch (e.status()) {
                case 429 -> "rate-limited";
                case 403 -> "blocked";
                default -> "rejected";
            };
            failed(reason, chatId, e);
            if (e.status() == 403) {
                subscriptions.unsubscribe(chatId);
            }
        } catch (RuntimeException e) {
            failed("unreachable", chatId, e);
        }
        return false;
    }

    private void failed(String reason, long chatId, RuntimeException e) {
        registry.counter("bot.messages.failed", "reason", reason).increment();
        LOG.warnf("Message to chat %d not sent (%s): %s", chatId, reason, e.getMessage());
    }
}

package ${package}.telegram;

import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.faulttolerance.api.CustomBackoff;

/**
 * The Bot API as the bot uses it. Every call reports its outcome to {@link BotApiStatus} (readiness);
 * {@link #sendMessage} waits out Telegram's 429 {@code retry_after} and tries again.
 */
@ApplicationScoped
public class BotApi {

    private static final List<String> ALLOWED_UPDATES = List.of("message");

    private final TelegramBotApi api;
    private final BotApiStatus status;
    BotApi(@RestClient TelegramBotApi api, BotApiStatus status) {
        this.api = api;
        this.status = status;
    }

    public Telegram.User getMe() {
        return call(() -> api.getMe().result());
    }

    public List<Telegram.Update> getUpdates(Long offset, int timeoutSeconds) {
        return call(() -> api.getUpdates(new Telegram.GetUpdatesRequest(offset, timeoutSeconds, ALLOWED_UPDATES)).result());
    }

    @Retry(retryOn = TelegramApiException.TooManyRequests.class, maxRetries = 3, maxDuration = 2, durationUnit = ChronoUnit.MINUTES)
    @CustomBackoff(RetryAfterBackoff.class)
    public Telegram.Message sendMessage(long chatId, String text) {
        return call(() -> api.sendMessage(Telegram.SendMessageRequest.plain(chatId, text)).result());
    }

    public void setWebhook(String url, String secret) {
        call(() -> api.setWebhook(new Telegram.SetWebhookRequest(url, secret, ALLOWED_UPDATES)).result());
    }

    public void deleteWebhook() {
        call(() -> api.deleteWebhook().result());
    }

    private <T> T call(java.util.function.Supplier<T> request) {
        try {
            T result = request.get();
            status.reachable();
            return result;
        } catch (TelegramApiException e) {
            if (e.status() >= 500) {
                status.unreachable(e); // Telegram's side is failing
            } else {
                status.reachable(); // Telegram answered, with an error about this request
            }
            throw e;
        } catch (RuntimeException e) {
            status.unreachable(e);
            throw e;
        }
    }
}

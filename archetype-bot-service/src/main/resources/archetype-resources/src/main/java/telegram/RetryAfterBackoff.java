package ${package}.telegram;

import java.time.Duration;

import org.eclipse.microprofile.config.ConfigProvider;

import io.smallrye.faulttolerance.api.CustomBackoffStrategy;

/**
 * Waits as long as Telegram's 429 answer asks ({@code retry_after}), at most {@code bot.max-retry-after}
 * (the retry gives up after a few attempts, see {@link BotApi#sendMessage}).
 */
public class RetryAfterBackoff implements CustomBackoffStrategy {

    private static final long DEFAULT_MILLIS = 1_000;

    @Override
    public long nextDelayInMillis(Throwable cause) {
        if (cause instanceof TelegramApiException e && e.retryAfterSeconds() != null) {
            long wanted = Duration.ofSeconds(e.retryAfterSeconds()).toMillis();
            long max = ConfigProvider.getConfig().getOptionalValue("bot.max-retry-after", Duration.class)
                    .orElse(Duration.ofSeconds(30)).toMillis();
            return Math.min(wanted, max);
        }
        return DEFAULT_MILLIS;
    }
}

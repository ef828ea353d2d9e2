package ${package}.bot;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The bot's settings ({@code bot.*} in application.properties; each is also an environment variable). */
@ConfigMapping(prefix = "bot")
public interface BotConfig {

    /** Token from @BotFather (env TELEGRAM_BOT_TOKEN); required outside dev and tests. */
    Optional<String> token();

    /** How updates arrive: {@code polling} (getUpdates, the default) or {@code webhook}. */
    @WithDefault("polling")
    Mode mode();

    Polling polling();

    Webhook webhook();

    /** Commands one chat may send per minute; more get one "slow down" reply and are then ignored. */
    @WithDefault("20")
    int commandsPerMinute();

    /** How many entries the list command shows. */
    @WithDefault("10")
    int listSize();

    /** Readiness turns DOWN only when the Bot API has been unreachable for this long (no flapping on short outages). */
    @WithDefault("2m")
    Duration outageGrace();

    /** Longest Telegram retry_after (429) the bot waits for before giving a message up. */
    @WithDefault("30s")
    Duration maxRetryAfter();

    enum Mode {
        POLLING,
        WEBHOOK
    }

    interface Polling {
        /** Long-polling timeout of getUpdates (Telegram holds the request open this long when there is nothing new). */
        @WithDefault("25s")
        Duration timeout();
    }

    interface Webhook {
        /** Public HTTPS URL Telegram posts updates to, ending in /telegram/webhook (env BOT_WEBHOOK_URL). */
        Optional<String> url();

        /** Secret Telegram sends in X-Telegram-Bot-Api-Secret-Token (env BOT_WEBHOOK_SECRET): 1-256 of A-Z a-z 0-9 _ -. */
        Optional<String> secret();
    }
}

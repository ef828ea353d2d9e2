package ${package}.telegram;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import ${package}.bot.BotConfig;
import io.quarkus.runtime.LaunchMode;

/** The settings checked at start-up, before the bot talks to Telegram. */
class StartupChecksTest {

    @Test
    void aMissingTokenStopsAProductionStartWithAClearMessage() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> WebhookRegistration.checkSettings(config(null, BotConfig.Mode.POLLING, null, null), LaunchMode.NORMAL));
        assertThat(e.getMessage(), containsString("TELEGRAM_BOT_TOKEN is not set"));
    }

    @Test
    void devAndTestsRunWithoutAToken() {
        assertDoesNotThrow(() -> WebhookRegistration.checkSettings(config(null, BotConfig.Mode.POLLING, null, null), LaunchMode.DEVELOPMENT));
        assertDoesNotThrow(() -> WebhookRegistration.checkSettings(config(null, BotConfig.Mode.POLLING, null, null), LaunchMode.TEST));
    }

    @Test
    void webhookModeNeedsAnHttpsUrlAndAValidSecret() {
        IllegalStateException noUrl = assertThrows(IllegalStateException.class,
                () -> WebhookRegistration.checkSettings(config("123:abc", BotConfig.Mode.WEBHOOK, null, "s3cret"), LaunchMode.NORMAL));
        assertThat(noUrl.getMessage(), containsString("BOT_WEBHOOK_URL"));
        IllegalStateException badSecret = assertThrows(IllegalStateException.class,
                () -> WebhookRegistration.checkSettings(config("123:abc", BotConfig.Mode.WEBHOOK, "https://bot.example.com/telegram/webhook", "not allowed!"), LaunchMode.NORMAL));
        assertThat(badSecret.getMessage(), containsString("BOT_WEBHOOK_SECRET"));
        assertDoesNotThrow(() -> WebhookRegistration.checkSettings(
                config("123:abc", BotConfig.Mode.WEBHOOK, "https://bot.example.com/telegram/webhook", "s3cret_-X"), LaunchMode.NORMAL));
    }

    static BotConfig config(String token, BotConfig.Mode mode, String webhookUrl, String secret) {
        return new BotConfig() {
            @Override
            public Optional<String> token() {
                return Optional.ofNullable(token);
            }

            @Override
            public Mode mode() {
                return mode;
            }

            @Override
            public Polling polling() {
                return () -> Duration.ofSeconds(25);
            }

            @Override
            public Webhook webhook() {
                return new Webhook() {
                    @Override
                    public Optional<String> url() {
                        return Optional.ofNullable(webhookUrl);
                    }

                    @Override
                    public Optional<String> secret() {
                        return Optional.ofNullable(secret);
                    }
                };
            }

            @Override
            public int commandsPerMinute() {
                return 20;
            }

            @Override
            public int listSize() {
                return 10;
            }

            @Override
            public Duration outageGrace() {
                return Duration.ofMinutes(2);
            }

            @Override
            public Duration maxRetryAfter() {
                return Duration.ofSeconds(30);
            }
        };
    }
}

package ${package}.telegram;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import ${package}.bot.BotConfig;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Checks the bot's settings at start-up (a missing token stops a production start with a clear message) and, in
 * webhook mode, registers the webhook with Telegram, trying again every minute until Telegram has accepted it.
 */
@ApplicationScoped
public class WebhookRegistration {

    private static final Logger LOG = Logger.getLogger(WebhookRegistration.class);

    private final BotApi botApi;
    private final BotConfig config;
    private volatile boolean registered;

    WebhookRegistration(BotApi botApi, BotConfig config) {
        this.botApi = botApi;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        checkSettings(config, LaunchMode.current());
        if (config.mode() == BotConfig.Mode.WEBHOOK) {
            register();
        }
    }

    static void checkSettings(BotConfig config, LaunchMode launchMode) {
        if (config.token().isEmpty() && launchMode == LaunchMode.NORMAL) {
            throw new IllegalStateException("TELEGRAM_BOT_TOKEN is not set: the bot needs the token @BotFather gave it "
                    + "(e.g. TELEGRAM_BOT_TOKEN=123456:ABC-DEF...). Without it the bot cannot reach Telegram, so it does not start.");
        }
        if (config.mode() == BotConfig.Mode.WEBHOOK) {
            String url = config.webhook().url().orElse("");
            String secret = config.webhook().secret().orElse("");
            if (!url.startsWith("https://")) {
                throw new IllegalStateException("bot.mode=webhook needs BOT_WEBHOOK_URL, the public https:// URL of "
                        + WebhookResource.PATH + " (got '" + url + "')");
            }
            if (!secret.matches("[A-Za-z0-9_-]{1,256}")) {
                throw new IllegalStateException("bot.mode=webhook needs BOT_WEBHOOK_SECRET: 1 to 256 characters of A-Z, a-z, 0-9, _ and -");
            }
        }
    }

    @Scheduled(every = "1m", delayed = "1m", identity = "telegram-webhook-registration")
    void register() {
        if (config.mode() != BotConfig.Mode.WEBHOOK || registered) {
            return;
        }
        try {
            botApi.setWebhook(config.webhook().url().orElseThrow(), config.webhook().secret().orElseThrow());
            registered = true;
            LOG.infof("Telegram webhook registered: %s", config.webhook().url().orElseThrow());
        } catch (RuntimeException e) {
            LOG.warnf("setWebhook failed, trying again in a minute: %s", e.getMessage());
        }
    }
}

package ${package}.telegram;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import ${package}.bot.BotConfig;
import ${package}.bot.UpdateHandler;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

/**
 * Long polling (mode {@code polling}): one getUpdates request after the other, each held open by Telegram for up
 * to {@code bot.polling.timeout}. The offset of the next update is kept in Redis, so an update handled before a
 * restart is not handled again after it. When Telegram cannot be reached the poller waits longer between tries
 * (up to a minute) instead of hammering it; on shutdown it stops after the request in flight.
 */
@ApplicationScoped
public class UpdatePoller {

    private static final Logger LOG = Logger.getLogger(UpdatePoller.class);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    private final BotApi botApi;
    private final UpdateHandler handler;
    private final ValueCommands<String, Long> offsets;
    private final String offsetKey = "${appName}:bot:update-offset";
    private final int timeoutSeconds;

    private volatile boolean stopping;
    private boolean webhookRemoved;
    private int failures;
    private Instant nextAttempt = Instant.MIN;

    UpdatePoller(BotApi botApi, UpdateHandler handler, RedisDataSource redis, BotConfig config) {
        this.botApi = botApi;
        this.handler = handler;
        this.offsets = redis.value(Long.class);
        this.timeoutSeconds = (int) config.polling().timeout().toSeconds();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = NotPolling.class, identity = "telegram-long-polling")
    void poll() {
        if (stopping || Instant.now().isBefore(nextAttempt)) {
            return;
        }
        try {
            if (!webhookRemoved) {
                botApi.deleteWebhook(); // getUpdates is refused while a webhook is set
                webhookRemoved = true;
            }
            Long offset = offsets.get(offsetKey);
            List<Telegram.Update> updates = botApi.getUpdates(offset, timeoutSeconds);
            for (Telegram.Update update : updates) {
                if (stopping) {
                    return;
                }
                handler.handle(update);
                offsets.set(offsetKey, update.updateId() + 1);
            }
            failures = 0;
        } catch (RuntimeException e) {
            if (e instanceof TelegramApiException t && t.status() == 409) {
                webhookRemoved = false; // a webhook was set meanwhile: remove it again
            }
            failures++;
            Duration wait = Duration.ofSeconds(1L << Math.min(failures, 6));
            wait = wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
            nextAttempt = Instant.now().plus(wait);
            LOG.warnf("getUpdates failed (%d in a row), next try in %ss: %s", failures, wait.toSeconds(), e.getMessage());
        }
    }

    /** Skips the poller unless {@code bot.mode=polling} (and a token is set: outside prod it may be missing). */
    @Singleton
    public static class NotPolling implements Scheduled.SkipPredicate {

        private final boolean polling;

        NotPolling(BotConfig config) {
            this.polling = config.mode() == BotConfig.Mode.POLLING && config.token().isPresent();
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !polling;
        }
    }
}

package ${package}.telegram;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import ${package}.bot.BotConfig;

/**
 * Readiness of the Telegram side. It reads the outcome of the bot's own Bot API calls and asks getMe only when
 * nothing was called for a while, so a probe never piles requests onto Telegram. It turns DOWN only after the
 * API has failed for {@code bot.outage-grace} without a break, and UP again on the first answer: a short outage
 * or one lost request does not make the service flap. Liveness never depends on Telegram.
 */
@Readiness
@ApplicationScoped
public class BotApiReadinessCheck implements HealthCheck {

    private static final Duration STALE_AFTER = Duration.ofSeconds(30);

    private final BotApiStatus status;
    private final BotApi botApi;
    private final Duration grace;

    BotApiReadinessCheck(BotApiStatus status, BotApi botApi, BotConfig config) {
        this.status = status;
        this.botApi = botApi;
        this.grace = config.outageGrace();
    }

    @Override
    public HealthCheckResponse call() {
        BotApiStatus.State state = status.current();
        if (state.lastCall() == null || state.lastCall().isBefore(status.now().minus(STALE_AFTER))) {
            try {
                botApi.getMe();
            } catch (RuntimeException e) {
                // recorded by BotApi
            }
            state = status.current();
        }
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Telegram Bot API");
        if (state.failingSince() == null) {
            return response.up().build();
        }
        response.withData("unreachableSince", state.failingSince().toString())
                .withData("lastError", state.lastError());
        return state.failingSince().isBefore(status.now().minus(grace)) ? response.down().build() : response.up().build();
    }
}

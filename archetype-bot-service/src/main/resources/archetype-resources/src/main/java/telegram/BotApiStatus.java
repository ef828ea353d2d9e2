package ${package}.telegram;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

/** Whether the Bot API answered lately, from the outcome of every call the bot makes. */
@ApplicationScoped
public class BotApiStatus {

    private static final Logger LOG = Logger.getLogger(BotApiStatus.class);

    /** Last call outcome; {@code failingSince} is null while the API answers. */
    record State(Instant lastCall, Instant failingSince, String lastError) {
    }

    private final AtomicReference<State> state = new AtomicReference<>(new State(null, null, null));
    private final Clock clock = Clock.systemUTC();

    void reachable() {
        State previous = state.getAndSet(new State(clock.instant(), null, null));
        if (previous.failingSince() != null) {
            LOG.infof("Telegram Bot API reachable again (unreachable since %s)", previous.failingSince());
        }
    }

    void unreachable(Throwable error) {
        Instant now = clock.instant();
        State previous = state.getAndUpdate(s -> new State(now,
                s.failingSince() != null ? s.failingSince() : now, String.valueOf(error.getMessage())));
        if (previous.failingSince() == null) {
            LOG.warnf("Telegram Bot API unreachable: %s", error.getMessage());
        }
    }

    State current() {
        return state.get();
    }

    Instant now() {
        return clock.instant();
    }
}

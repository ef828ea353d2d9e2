package ${package}.bot;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyCommands;
import io.quarkus.redis.datasource.value.ValueCommands;

/**
 * At most {@code bot.commands-per-minute} commands per chat and minute, counted in Redis (one counter per
 * chat and minute, INCR then EXPIRE), so the limit holds across restarts and replicas.
 */
@ApplicationScoped
public class ChatRateLimiter {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    /** What a command may do. */
    public enum Decision {
        ALLOWED,
        /** The first command over the limit: tell the chat once. */
        LIMIT_REACHED,
        /** Further commands in the same minute: ignore them silently. */
        IGNORED
    }

    private final ValueCommands<String, Long> counters;
    private final KeyCommands<String> keys;
    private final int limit;

    ChatRateLimiter(RedisDataSource redis, BotConfig config) {
        this.counters = redis.value(Long.class);
        this.keys = redis.key();
        this.limit = config.commandsPerMinute();
    }

    public Decision acquire(long chatId) {
        String key = "${appName}:bot:rate:" + chatId + ":" + System.currentTimeMillis() / WINDOW.toMillis();
        long count = counters.incr(key);
        if (count == 1) {
            keys.expire(key, WINDOW.multipliedBy(2));
        }
        return count <= limit ? Decision.ALLOWED : count == limit + 1 ? Decision.LIMIT_REACHED : Decision.IGNORED;
    }
}

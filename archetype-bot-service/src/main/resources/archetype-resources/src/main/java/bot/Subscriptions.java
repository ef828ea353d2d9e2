package ${package}.bot;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.set.SetCommands;

/** The chats that want notifications: a Redis set, so subscriptions survive restarts and are shared by replicas. */
@ApplicationScoped
public class Subscriptions {

    static final String KEY = "${appName}:bot:subscribers";

    private final SetCommands<String, Long> chats;

    Subscriptions(RedisDataSource redis) {
        this.chats = redis.set(Long.class);
    }

    /** @return false when the chat was subscribed already */
    public boolean subscribe(long chatId) {
        return chats.sadd(KEY, chatId) == 1;
    }

    /** @return false when the chat was not subscribed */
    public boolean unsubscribe(long chatId) {
        return chats.srem(KEY, chatId) == 1;
    }

    public Set<Long> chats() {
        return chats.smembers(KEY);
    }

    public boolean isSubscribed(long chatId) {
        return chats.sismember(KEY, chatId);
    }
}

package ${package}.worker;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.redis.datasource.value.ValueCommands;

/**
 * One run per scheduled time across all instances: every instance's scheduler fires at the same cron time,
 * and the first to {@code SET <service>:job:<job>:<fire time> NX} runs the job; the others skip it.
 */
@ApplicationScoped
public class JobLock {

    private final ValueCommands<String, String> values;
    private final String keyPrefix;

    public JobLock(RedisDataSource redis, @ConfigProperty(name = "quarkus.application.name") String service) {
        this.values = redis.value(String.class);
        this.keyPrefix = service + ":job:";
    }

    /** @return true when this instance owns the run of {@code job} scheduled at {@code fireTime} */
    public boolean acquire(String job, Instant fireTime, Duration ttl, String owner) {
        String key = keyPrefix + job + ":" + fireTime.getEpochSecond();
        return values.setGet(key, owner, new SetArgs().nx().px(ttl)) == null;
    }
}

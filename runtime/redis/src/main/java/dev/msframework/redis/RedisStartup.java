package dev.msframework.redis;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.StartupEvent;

/**
 * Creates the Redis data sources on the main thread first thing at start-up, before the messaging connector
 * starts its consumers (at {@code LIBRARY_BEFORE}) and before the scheduler runs. Quarkus creates them lazily
 * and also at start-up; when a consumer, a scheduled job or an early request created them at the same time
 * (a backlog of events after a crash, for example), the start failed with a
 * {@code ConcurrentModificationException} in the Redis client recorder.
 */
@ApplicationScoped
public class RedisStartup {

    void createDataSources(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event,
            RedisDataSource blocking, ReactiveRedisDataSource reactive) {
        // a call on each client proxy creates the data source behind it
        blocking.getReactive();
        reactive.getRedis();
    }
}

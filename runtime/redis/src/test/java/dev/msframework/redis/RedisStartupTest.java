package dev.msframework.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.interceptor.Interceptor;

import org.junit.jupiter.api.Test;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The Redis data sources exist before the messaging connector starts its consumers: a consumer that
 * created them while Quarkus did too made the start fail (see {@link RedisStartup}).
 */
@QuarkusTest
class RedisStartupTest {

    @Test
    void redisDataSourcesAreCreatedBeforeTheConsumersStart() {
        assertEquals(Map.of("RedisDataSource", true, "ReactiveRedisDataSource", true), BeforeConsumers.CREATED);
    }

    /** Runs just before the messaging connector starts (LIBRARY_BEFORE) and records which data sources exist. */
    @ApplicationScoped
    static class BeforeConsumers {

        static final Map<String, Boolean> CREATED = new ConcurrentHashMap<>();

        void record(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE - 1) StartupEvent event) {
            BeanManager beans = Arc.container().beanManager();
            InjectableContext context = Arc.container().getActiveContext(ApplicationScoped.class);
            for (Class<?> type : List.of(RedisDataSource.class, ReactiveRedisDataSource.class)) {
                Bean<?> bean = beans.resolve(beans.getBeans(type));
                CREATED.put(type.getSimpleName(), context.get(bean) != null);
            }
        }
    }
}

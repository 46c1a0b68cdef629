package io.berth.service.redis;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

/**
 * Creates the Redis data sources on the main thread, before the scheduler starts and before every
 * other start-up observer. Quarkus (RedisClientRecorder, 3.33) creates them lazily in a plain
 * HashMap: a scheduled job or a worker thread creating one while Quarkus' own start-up observer
 * did made the start fail with a ConcurrentModificationException (seen in CI, registry-service).
 * Once they exist, every later lookup only reads that map.
 */
@ApplicationScoped
class RedisDataSourceCreation {

    void create(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE - 1) StartupEvent event, RedisDataSource redis) {
        // any call through the client proxy creates the blocking data source and the reactive one under it
        redis.getReactive();
    }
}

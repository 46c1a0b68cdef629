package io.berth.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.registry.testing.RegistryTestResource;
import io.quarkus.redis.runtime.client.RedisClientRecorder;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.lang.reflect.Field;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Redis data sources exist before the scheduler starts: Quarkus creates them lazily in a plain
 * HashMap, and a scheduled job creating one while Quarkus' own start-up observer did failed the
 * start (ConcurrentModificationException in a CI run of MultiReplicaIT).
 */
@QuarkusTest
@QuarkusTestResource(RegistryTestResource.class)
class RedisDataSourceCreationTest {

    @ApplicationScoped
    static class AtSchedulerStart {
        static volatile Boolean dataSourcesExisted;

        // the priority at which Quarkus starts the scheduler
        void look(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) throws ReflectiveOperationException {
            Field dataSources = RedisClientRecorder.class.getDeclaredField("dataSources");
            dataSources.setAccessible(true);
            dataSourcesExisted = !((Map<?, ?>) dataSources.get(null)).isEmpty();
        }
    }

    @Test
    void redisDataSourcesAreCreatedBeforeTheSchedulerStarts() {
        assertThat(AtSchedulerStart.dataSourcesExisted).isTrue();
    }
}

package io.berth.core;

import io.berth.service.testing.PostgresTestDatabase;
import io.berth.service.testing.ServiceContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = PostgresTestDatabase.class, restrictToAnnotatedClass = true)
class CoreStartsTest extends ServiceContract {

    @Override
    protected String[] readinessChecks() {
        return new String[] {"Reactive PostgreSQL connections health check", "Redis connection health check"};
    }
}

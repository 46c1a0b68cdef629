package io.berth.core;

import io.berth.core.testing.CoreTestResource;
import io.berth.service.testing.ServiceContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
class CoreStartsTest extends ServiceContract {

    @Override
    protected String[] readinessChecks() {
        return new String[] {"Reactive PostgreSQL connections health check", "Redis connection health check"};
    }
}

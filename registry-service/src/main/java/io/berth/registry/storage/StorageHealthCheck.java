package io.berth.registry.storage;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the blob store accepts a write, a read and a delete. */
@Readiness
@ApplicationScoped
public class StorageHealthCheck implements HealthCheck {
    private final StorageDriver driver;

    StorageHealthCheck(StorageDriver driver) {
        this.driver = driver;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("storage").withData("driver", driver.name());
        String probe = "_health/" + UUID.randomUUID();
        try {
            driver.putContent(probe, new byte[] {1});
            driver.getContent(probe);
            driver.delete(probe);
            return response.up().build();
        } catch (RuntimeException e) {
            return response.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}

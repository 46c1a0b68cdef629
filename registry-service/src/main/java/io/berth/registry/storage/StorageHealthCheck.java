package io.berth.registry.storage;

import io.berth.common.config.BerthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the blob store accepts writes. */
@Readiness
@ApplicationScoped
public class StorageHealthCheck implements HealthCheck {
    private final BerthConfig config;

    StorageHealthCheck(BerthConfig config) {
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        Path root = Path.of(config.storage().filesystem().root());
        var response = HealthCheckResponse.named("storage").withData("driver", "filesystem")
                .withData("root", root.toAbsolutePath().toString());
        try {
            Files.createDirectories(root);
            Path probe = Files.createTempFile(root, ".health", "");
            Files.delete(probe);
            return response.up().build();
        } catch (IOException | RuntimeException e) {
            return response.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}

package io.berth.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.common.testing.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad configuration: the packaged service refuses to start, with one line that names the key. */
class StartupRefusalIT {
    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    @TempDir
    Path dir;

    private String refusal(Map<String, String> overrides) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of(
                "BERTH_REGISTRY_PORT", "0", "BERTH_DATA_DIR", dir.toString(), "BERTH_CONFIG", ""));
        env.putAll(overrides);
        try (ServiceProcess service = ServiceProcess.start(JAR, env)) {
            assertThat(service.awaitExit(Duration.ofSeconds(60))).as(service.output()).isNotZero();
            return service.output().strip();
        }
    }

    @Test
    void refusesAnUnknownStorageDriver() throws Exception {
        assertThat(refusal(Map.of("BERTH_STORAGE_DRIVER", "floppy")))
                .contains("berth.storage.driver").contains("floppy").doesNotContain("\tat ");
    }

    @Test
    void refusesAnUnreachableDatabase() throws Exception {
        assertThat(refusal(Map.of("BERTH_DATABASE_URL", "postgresql://127.0.0.1:1/berth")))
                .endsWith("berth.database.url: cannot connect to PostgreSQL at postgresql://127.0.0.1:1/berth: Connection refused");
    }

    @Test
    void refusesMalformedYaml() throws Exception {
        Path file = dir.resolve("berth.yaml");
        Files.writeString(file, "storage:\n  driver: filesystem\n    root: /x\n");
        assertThat(refusal(Map.of("BERTH_CONFIG", file.toString())))
                .contains(file + ": malformed YAML at line 3").doesNotContain("\tat ");
    }

    @Test
    void refusesAnUnknownKeyInASectionItDoesNotRead() throws Exception {
        // every mapping of berth.yaml is registered, whichever the service injects: a misspelt key is
        // refused even in the gateway's section, which registry-service never reads
        Path file = dir.resolve("berth.yaml");
        Files.writeString(file, "gateway:\n  idle_timeot: 5m\n");
        assertThat(refusal(Map.of("BERTH_CONFIG", file.toString())))
                .contains("berth.gateway.idle_timeot").doesNotContain("\tat ");
    }

    @Test
    void refusesAConfigFileThatIsNotThere() throws Exception {
        assertThat(refusal(Map.of("BERTH_CONFIG", dir.resolve("absent.yaml").toString())))
                .contains("absent.yaml").contains("does not exist").doesNotContain("\tat ");
    }
}

package io.berth.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.common.testing.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StartupRefusalIT {
    @Test
    void refusesToStartWhenTheTlsCertificateIsMissing() throws Exception {
        try (ServiceProcess gateway = ServiceProcess.start(Path.of("target/quarkus-app/quarkus-run.jar"), Map.of(
                "BERTH_GATEWAY_PORT", "0", "BERTH_TLS_HTTPS_PORT", "0", "BERTH_CONFIG", "",
                "BERTH_TLS_CERT", "/nonexistent/cert.pem", "BERTH_TLS_KEY", "/nonexistent/key.pem"))) {
            assertThat(gateway.awaitExit(Duration.ofSeconds(60))).isNotZero();
            assertThat(gateway.output()).contains("berth.tls.cert: file /nonexistent/cert.pem does not exist")
                    .doesNotContain("\tat ");
        }
    }
}

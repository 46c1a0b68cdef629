package io.berth.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.common.testing.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged gateway, started as {@code ./berth up} starts it, lets Netty allocate arrays without
 * zeroing them (jvm-opens' NettyUnsafeOpens: the jar's Add-Opens and a system property set before Netty
 * starts). Every relayed body is copied into such arrays; zeroed first, they were a good part of an
 * upload's CPU here. Netty reports the threshold it settled on: -1 when it may not.
 */
class NettyUnsafeIT {
    private static final String THRESHOLD = "-Dio.netty.uninitializedArrayAllocationThreshold: ";

    @Test
    void nettyAllocatesArraysWithoutZeroingThem() throws Exception {
        try (ServiceProcess gateway = ServiceProcess.start(Path.of("target/quarkus-app/quarkus-run.jar"),
                Map.of("BERTH_GATEWAY_PORT", "0", "BERTH_CONFIG", ""), "-Xmx128m",
                "-Dquarkus.log.category.\"io.netty.util.internal\".level=DEBUG")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> gateway.output().contains(THRESHOLD));
            String line = gateway.output().lines().filter(l -> l.contains(THRESHOLD)).findFirst().orElseThrow();
            assertThat(line.substring(line.indexOf(THRESHOLD) + THRESHOLD.length()).trim()).isEqualTo("1024");
        }
    }
}

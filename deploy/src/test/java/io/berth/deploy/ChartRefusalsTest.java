package io.berth.deploy;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Values Berth cannot run with or act on stop the render, with a message that says what to change. */
class ChartRefusalsTest {

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("filesystem storage, 2 registry replicas, ReadWriteOnce",
                        List.of("registry.replicas", 2),
                        "persistence.persistentVolumeClaim.registry.accessMode is ReadWriteOnce: every replica must mount the same volume. Set accessMode ReadWriteMany"),
                Arguments.of("filesystem storage, 3 registry replicas, no persistence",
                        List.of("registry.replicas", 3, "persistence.enabled", false),
                        "each replica would have its own emptyDir"),
                Arguments.of("external database without a host",
                        List.of("database.type", "external", "database.external.password", "x"),
                        "database.type is external but database.external.host is empty"),
                Arguments.of("externalURL not a URL",
                        List.of("externalURL", "registry.example.com"),
                        "externalURL \"registry.example.com\" is not a URL"),
                Arguments.of("externalURL with another scheme",
                        List.of("externalURL", "ftp://registry.example.com"),
                        "is not a URL"),
                Arguments.of("externalURL http while TLS is on",
                        List.of("externalURL", "http://core.berth.domain"),
                        "use https://, or set expose.tls.enabled false"),
                Arguments.of("a storage driver Berth does not have",
                        List.of("persistence.imageChartStorage.type", "azure"),
                        "use filesystem or s3"),
                Arguments.of("S3 without a bucket",
                        List.of("persistence.imageChartStorage.type", "s3"),
                        "s3.bucket is empty"),
                Arguments.of("plain HTTP to AWS S3",
                        List.of("persistence.imageChartStorage.type", "s3", "persistence.imageChartStorage.s3.bucket", "b",
                                "persistence.imageChartStorage.s3.secure", false),
                        "Berth reaches AWS S3 over HTTPS only"),
                Arguments.of("S3 parts that are not whole MiB",
                        List.of("persistence.imageChartStorage.type", "s3", "persistence.imageChartStorage.s3.bucket", "b",
                                "persistence.imageChartStorage.s3.chunksize", "5242881"),
                        "whole MiB from 5 MiB"),
                Arguments.of("PostgreSQL certificate verification Berth cannot configure",
                        List.of("database.type", "external", "database.external.host", "db", "database.external.password", "x",
                                "database.external.sslmode", "verify-full"),
                        "use disable, prefer or require"),
                Arguments.of("external database without a password",
                        List.of("database.type", "external", "database.external.host", "db"),
                        "neither database.external.password nor database.external.existingSecret"),
                Arguments.of("several Redis addresses without a Sentinel master set",
                        List.of("redis.type", "external", "redis.external.addr", "a:26379,b:26379"),
                        "sentinelMasterSet is empty"),
                Arguments.of("external Redis without an address",
                        List.of("redis.type", "external"),
                        "redis.external.addr is empty"),
                Arguments.of("a Redis password that would break the URL",
                        List.of("redis.type", "external", "redis.external.addr", "r:6379", "redis.external.password", "a@b"),
                        "percent-encode"),
                Arguments.of("certSource secret without a Secret",
                        List.of("expose.tls.certSource", "secret"),
                        "expose.tls.secret.secretName is empty"),
                Arguments.of("cert-manager without certSource secret",
                        List.of("expose.ingress.certManager.clusterIssuer", "letsencrypt"),
                        "use expose.type ingress with expose.tls.certSource secret"),
                Arguments.of("an unknown expose type",
                        List.of("expose.type", "route"),
                        "use ingress, clusterIP, nodePort or loadBalancer"),
                Arguments.of("an unknown log level",
                        List.of("logLevel", "verbose"),
                        "use trace, debug, info, warn, error or fatal"),
                Arguments.of("host networking with replicas",
                        List.of("hostNetwork", true, "core.replicas", 2),
                        "run 1 of each"),
                Arguments.of("a Harbor-only key Berth has no use for",
                        List.of("persistence.imageChartStorage.s3.skipverify", true),
                        "skipverify"),
                Arguments.of("a Harbor component Berth does not have",
                        List.of("trivy.enabled", true),
                        "trivy"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void isRefusedSayingWhatToChange(String what, List<Object> sets, String message) {
        assertThatThrownBy(() -> Rendered.template(List.of(), sets.toArray())).hasMessageContaining(message);
    }
}

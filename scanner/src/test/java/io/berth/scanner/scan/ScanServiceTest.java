package io.berth.scanner.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.berth.common.config.ScannerConfig;
import io.berth.scanner.api.ScanRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/** The pool is bounded (a full queue refuses) and finished scans do not pile up (TTL, max_reports). */
class ScanServiceTest {
    /** Nothing listens on port 9: each scan fails, after the client's retries (about a second). */
    private static final ScanRequest UNREACHABLE = new ScanRequest(new ScanRequest.Registry("http://127.0.0.1:9", null),
            new ScanRequest.Artifact("library/app", "sha256:" + "0".repeat(64), null, null), null);

    @Test
    void fullQueueRefusesInsteadOfPilingUp() {
        ScanService service = new ScanService(config(1, 1, Duration.ofHours(1), 100));
        service.submit(UNREACHABLE, Set.of("sbom"), Set.of());
        service.submit(UNREACHABLE, Set.of("sbom"), Set.of());
        assertThatThrownBy(() -> service.submit(UNREACHABLE, Set.of("sbom"), Set.of())).isInstanceOf(RejectedExecutionException.class);
        service.stop(null);
    }

    @Test
    void onlyTheNewestFinishedScansAreKept() {
        ScanService service = new ScanService(config(2, 10, Duration.ofHours(1), 2));
        List<Scan> scans = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            scans.add(service.submit(UNREACHABLE, Set.of("sbom"), Set.of()));
        }
        await().atMost(Duration.ofMinutes(1)).until(() -> scans.stream().allMatch(s -> s.state() == Scan.State.FAILED));
        service.expire();
        long kept = scans.stream().filter(s -> service.find(s.id()).isPresent()).count();
        assertThat(kept).isEqualTo(2);
        Scan newest = scans.stream().max((a, b) -> a.finished().compareTo(b.finished())).orElseThrow();
        assertThat(service.find(newest.id())).isPresent();
        assertThat(newest.failure()).contains("pulling the manifest library/app@");
        service.stop(null);
    }

    @Test
    void expiredReportsAreDropped() {
        ScanService service = new ScanService(config(1, 10, Duration.ZERO, 100));
        Scan scan = service.submit(UNREACHABLE, Set.of("sbom"), Set.of());
        await().atMost(Duration.ofMinutes(1)).until(() -> scan.state() == Scan.State.FAILED);
        service.expire();
        assertThat(service.find(scan.id())).isEmpty();
        service.stop(null);
    }

    private static ScannerConfig config(int workers, int queue, Duration ttl, int maxReports) {
        return new ScannerConfig() {
            public int port() { return 0; }
            public String url() { return "http://127.0.0.1:0"; }
            public int managementPort() { return 0; }
            public int workers() { return workers; }
            public int queue() { return queue; }
            public Duration reportTtl() { return ttl; }
            public int maxReports() { return maxReports; }
            public String workDir() { return Path.of("target/scanner-work-unit").toString(); }
            public int maxFileMib() { return 64; }
            public int maxArchiveMib() { return 1024; }
            public int maxArchiveDepth() { return 4; }
            public java.util.Optional<String> osvDb() { return java.util.Optional.empty(); }
            public java.util.Optional<String> builtinUrl() { return java.util.Optional.empty(); }
        };
    }
}

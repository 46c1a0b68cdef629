package io.berth.scanner.scan;

import io.berth.common.config.ScannerConfig;
import io.berth.scanner.api.ScanRequest;
import io.berth.scanner.image.RegistryAccess;
import io.berth.scanner.image.ScanFailure;
import io.berth.scanner.image.ScanLimits;
import io.berth.scanner.inventory.Inventory;
import io.berth.scanner.inventory.InventoryScanner;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Runs accepted scans on a small pool ({@code workers} threads, {@code queue} waiting at most: past that a request is
 * refused rather than piled up) and keeps each scan in memory until {@code report_ttl} after it finished, at most
 * {@code max_reports} finished ones (berth.scanner, docs/configuration.md) (the oldest go first). A scan that fails keeps its reason; nothing it did
 * outlives it on disk: its work directory is deleted when it ends.
 */
@ApplicationScoped
public class ScanService {
    private static final Logger LOG = Logger.getLogger(ScanService.class);

    private final ScannerConfig config;
    private final Map<String, Scan> scans = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor pool;
    private final InventoryScanner scanner;

    public ScanService(ScannerConfig config) {
        this.config = config;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(config.workers(), config.workers(), 1, TimeUnit.MINUTES,
                new ArrayBlockingQueue<>(Math.max(1, config.queue())), r -> {
                    Thread t = new Thread(r, "scan-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.scanner = new InventoryScanner(new ScanLimits((long) config.maxFileMib() << 20, (long) config.maxArchiveMib() << 20,
                config.maxArchiveDepth()));
    }

    /**
     * Accepts a validated request; returns its scan.
     *
     * @throws RejectedExecutionException when the queue is full
     */
    public Scan submit(ScanRequest request, Set<String> capabilities, Set<String> sbomFormats) {
        Scan scan = new Scan(UUID.randomUUID().toString(), request, capabilities, sbomFormats);
        scans.put(scan.id(), scan);
        try {
            pool.execute(() -> run(scan));
        } catch (RejectedExecutionException e) {
            scans.remove(scan.id());
            throw e;
        }
        return scan;
    }

    public Optional<Scan> find(String id) {
        return Optional.ofNullable(scans.get(id));
    }

    private void run(Scan scan) {
        scan.running();
        Path work = null;
        try {
            work = Files.createDirectories(Path.of(config.workDir())).resolve(scan.id());
            Files.createDirectory(work);
            ScanRequest.Artifact artifact = scan.request().artifact();
            Inventory inventory = scanner.scan(RegistryAccess.client(scan.request().registry().url(), scan.request().registry().authorization()),
                    artifact.repository(), artifact.digest(), work);
            scan.succeeded(inventory);
            LOG.infof("scan %s of %s@%s: %d packages from %d layer bytes", scan.id(), artifact.repository(), artifact.digest(),
                    inventory.packages().size(), inventory.compressedBytes());
        } catch (ScanFailure e) {
            scan.failed(e.getMessage());
            LOG.warnf("scan %s failed: %s", scan.id(), e.getMessage());
        } catch (RuntimeException | IOException | Error e) {
            scan.failed("the scan failed: " + e);
            LOG.errorf(e, "scan %s failed", scan.id());
        } finally {
            delete(work);
            expire();
        }
    }

    /**
     * Drops finished scans older than the TTL, and the oldest finished ones past {@code max_reports}. Synchronized:
     * workers call it as their scans end, and two counting at once would each drop "the oldest" past the limit.
     */
    @Scheduled(every = "1m", delayed = "1m")
    synchronized void expire() {
        Instant cutoff = Instant.now().minus(config.reportTtl());
        scans.values().removeIf(s -> s.finished() != null && s.finished().isBefore(cutoff));
        long finished = scans.values().stream().filter(s -> s.finished() != null).count();
        if (finished > config.maxReports()) {
            scans.values().stream().filter(s -> s.finished() != null).sorted(Comparator.comparing(Scan::finished))
                    .limit(finished - config.maxReports()).map(Scan::id).toList().forEach(scans::remove);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        pool.shutdownNow();
    }

    private static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warnf("could not delete the scan directory %s: %s", dir, e.getMessage());
        }
    }
}

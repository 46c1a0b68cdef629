package io.berth.common.config;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code berth.scanner}: the built-in scanner (Harbor's Pluggable Scanner Adapter API): its port, the URL core reaches
 * it at, how many scans run, how long their reports are kept, and the caps that bound a scan's memory.
 */
@Unremovable
@ConfigMapping(prefix = BerthConfigFile.PREFIX + ".scanner", namingStrategy = ConfigMapping.NamingStrategy.SNAKE_CASE)
public interface ScannerConfig extends ServiceConfig {
    /** Scans that run at once; each streams one layer at a time. */
    int workers();

    /** Accepted scans that may wait for a worker; past that {@code POST /api/v1/scan} answers 503. */
    int queue();

    /** How long a finished scan's reports can be fetched. */
    Duration reportTtl();

    /** Finished scans kept at most; the oldest are dropped first. */
    int maxReports();

    /** Where a scan may write temporary files (a directory per scan, deleted when it ends). */
    String workDir();

    /** The largest package database or lock file read into memory (MiB); past it the scan fails. */
    int maxFileMib();

    /** The most bytes inflated from one Java archive, nested ones included (MiB); past it the scan fails (a zip bomb). */
    int maxArchiveMib();

    /** How deep archives nested in archives are opened. */
    int maxArchiveDepth();

    /**
     * The vulnerability database: a directory holding osv.dev's per-ecosystem export zips ({@code <Ecosystem>/all.zip})
     * and/or OSV JSON records, as the operator mirrors them (docs/scanner-osv.md); reloaded when its files change. While
     * it holds no records the scanner offers SBOMs only, never an empty vulnerability report.
     */
    Optional<String> osvDb();

    /**
     * Where core reaches the scanner Berth runs itself, when it runs one: core then keeps a scanner registration
     * "Berth built-in" for this URL and makes it the default when there is no other. {@code ./berth up} sets it to
     * {@link #url()} unless berth.yaml sets it; the Helm chart sets it to the scanner's service. Unset: none.
     */
    Optional<String> builtinUrl();
}

package io.berth.scanner.scan;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

/** {@code berth.scanner}: how many scans run, how long their reports are kept, and the caps that bound a scan's memory. */
@ConfigMapping(prefix = "berth.scanner", namingStrategy = ConfigMapping.NamingStrategy.SNAKE_CASE)
public interface ScannerConfig {
    /** Scans that run at once; each streams one layer at a time. */
    @WithDefault("2")
    int workers();

    /** Accepted scans that may wait for a worker; past that {@code POST /api/v1/scan} answers 503. */
    @WithDefault("64")
    int queue();

    /** How long a finished scan's report can be fetched. */
    @WithDefault("1h")
    Duration reportTtl();

    /** Finished scans kept at most; the oldest are dropped first. */
    @WithDefault("1000")
    int maxReports();

    /** Where a scan may write temporary files (one directory per scan, removed when it ends). */
    @WithDefault("${java.io.tmpdir}/berth-scanner")
    Path workDir();

    /** The largest package database or metadata file read into memory (dpkg status, package-lock.json). */
    @WithDefault("64")
    int maxFileMib();

    /** The most bytes inflated from one Java archive, nested archives included: past it the scan fails (zip bomb). */
    @WithDefault("1024")
    int maxArchiveMib();

    /** How deep archives nested in archives are opened (a Spring Boot jar in a war is 2). */
    @WithDefault("4")
    int maxArchiveDepth();
}

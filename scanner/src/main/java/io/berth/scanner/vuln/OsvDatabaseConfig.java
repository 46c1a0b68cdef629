package io.berth.scanner.vuln;

import io.berth.common.config.BerthConfigFile;
import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.util.Optional;

/** {@code berth.scanner.osv_db}: where the built-in scanner finds its vulnerability database (docs/scanner-osv.md). */
@ConfigMapping(prefix = BerthConfigFile.PREFIX + ".scanner", namingStrategy = ConfigMapping.NamingStrategy.SNAKE_CASE)
public interface OsvDatabaseConfig {

    /**
     * {@code scanner.osv_db} in berth.yaml ({@code BERTH_SCANNER_OSV_DB}): a directory holding osv.dev's
     * per-ecosystem export zips ({@code <Ecosystem>/all.zip}) and/or OSV JSON records, as the operator mirrors them.
     * Reloaded when its files change. Without it every vulnerability scan fails with "no OSV database configured".
     */
    Optional<Path> osvDb();
}

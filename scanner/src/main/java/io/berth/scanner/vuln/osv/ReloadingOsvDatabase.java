package io.berth.scanner.vuln.osv;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The OSV database of a directory, reloaded when it changes. Before each scan {@link #get()} compares the files'
 * sizes and modification times with those it loaded (a directory listing and one stat per file) and, when any
 * differ, loads the changed files and swaps the new database in atomically; a scan keeps using the database it got.
 * While one caller reloads, others keep using the current database instead of waiting. If the directory becomes
 * unreadable the database in memory stays in use.
 */
public final class ReloadingOsvDatabase implements Supplier<OsvDatabase> {

    private static final Logger LOG = Logger.getLogger(ReloadingOsvDatabase.class);

    private final OsvDatabaseLoader loader;
    private final ReentrantLock reloading = new ReentrantLock();
    private volatile OsvDatabaseLoader.Snapshot current;

    public ReloadingOsvDatabase(Path directory) {
        this.loader = new OsvDatabaseLoader(directory);
    }

    /**
     * The database to scan with, reloaded first if the directory changed.
     *
     * @throws OsvDatabaseUnavailableException when there is no database: the directory cannot be read and nothing
     *                                         was loaded before, or it holds no loadable record
     */
    @Override
    public OsvDatabase get() {
        Map<Path, OsvDatabaseLoader.FileStamp> stamps;
        OsvDatabaseLoader.Snapshot snapshot = current;
        try {
            stamps = loader.scan();
        } catch (IOException e) {
            if (snapshot != null && !snapshot.database().isEmpty()) {
                LOG.warnf("OSV database: cannot read %s (%s); scanning with the database loaded before", loader.root(),
                        e.getMessage());
                return snapshot.database();
            }
            throw new OsvDatabaseUnavailableException("the OSV database directory " + loader.root()
                    + " cannot be read: " + e.getMessage(), e);
        }
        if (snapshot == null || !snapshot.stamps().equals(stamps)) {
            snapshot = reload(snapshot, stamps);
        }
        if (snapshot.database().isEmpty()) {
            throw new OsvDatabaseUnavailableException("the OSV database directory " + loader.root()
                    + " holds no loadable OSV record (" + stamps.size() + " files)");
        }
        return snapshot.database();
    }

    private OsvDatabaseLoader.Snapshot reload(
            OsvDatabaseLoader.Snapshot seen, Map<Path, OsvDatabaseLoader.FileStamp> stamps) {
        if (seen != null && !reloading.tryLock()) {
            return seen; // another scan is reloading: use what is there
        }
        if (seen == null) {
            reloading.lock(); // nothing loaded yet: wait for whoever loads it
        }
        try {
            OsvDatabaseLoader.Snapshot latest = current;
            if (latest != null && latest.stamps().equals(stamps)) {
                return latest;
            }
            OsvDatabaseLoader.Snapshot loaded = loader.load(latest, stamps);
            current = loaded;
            return loaded;
        } finally {
            reloading.unlock();
        }
    }
}

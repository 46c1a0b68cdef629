package io.berth.scanner.vuln.osv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jboss.logging.Logger;

/**
 * Reads an OSV database directory: {@code *.zip} files as osv.dev exports them ({@code <Ecosystem>/all.zip}, one
 * record per {@code .json} entry) and {@code *.json} files (one record, or an array of records), anywhere up to
 * {@value #MAX_DEPTH} directories deep; names starting with a dot (a mirror's partial download) are ignored.
 *
 * <p>A reload re-reads only the files whose size or modification time changed. A file that cannot be read (a zip
 * without its central directory, JSON that does not parse) is skipped with its reason logged; if an earlier version
 * of it loaded, that version's records stay in use until the file changes again. A single bad record inside a zip
 * is skipped and counted.
 */
public final class OsvDatabaseLoader {

    private static final Logger LOG = Logger.getLogger(OsvDatabaseLoader.class);
    static final int MAX_DEPTH = 4;
    /** The largest record accepted: osv.dev's biggest are a few hundred KiB. */
    static final long MAX_RECORD_BYTES = 16L << 20;

    /** Size and modification time of a file: a change of either means it is read again. */
    public record FileStamp(long size, long modifiedMillis) {}

    /** What one file contributed. {@code problem} is null when it loaded cleanly. */
    public record LoadedFile(FileStamp stamp, List<AffectedPackage> packages, int records, int skipped,
                                                      String problem) {}

    /** A database and the per-file state it was built from. */
    public record Snapshot(OsvDatabase database, Map<Path, LoadedFile> files) {

        Map<Path, FileStamp> stamps() {
            Map<Path, FileStamp> out = new LinkedHashMap<>();
            files.forEach((p, f) -> out.put(p, f.stamp()));
            return out;
        }
    }

    private final Path root;
    private final ObjectMapper mapper = new ObjectMapper();

    public OsvDatabaseLoader(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /**
     * The database files under the root with their stamps, in a stable order.
     *
     * @throws IOException when the root cannot be listed (missing, not a directory, unreadable)
     */
    public Map<Path, FileStamp> scan() throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException(root + " is not a directory");
        }
        Map<Path, FileStamp> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(root, MAX_DEPTH)) {
            for (Path p : files.sorted().toList()) {
                String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                if (name.startsWith(".") || !(name.endsWith(".zip") || name.endsWith(".json"))) {
                    continue;
                }
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                    if (a.isRegularFile()) {
                        out.put(p, new FileStamp(a.size(), a.lastModifiedTime().toMillis()));
                    }
                } catch (IOException e) {
                    LOG.warnf("OSV database: cannot stat %s (%s); skipped", p, e.getMessage());
                }
            }
        }
        return out;
    }

    /**
     * Builds a snapshot for the given files, reusing from {@code previous} (may be null) every file whose stamp did
     * not change.
     */
    public Snapshot load(Snapshot previous, Map<Path, FileStamp> stamps) {
        Map<Path, LoadedFile> files = new LinkedHashMap<>();
        OsvRecordParser parser = new OsvRecordParser();
        for (Map.Entry<Path, FileStamp> e : stamps.entrySet()) {
            Path path = e.getKey();
            LoadedFile before = previous == null ? null : previous.files().get(path);
            if (before != null && before.stamp().equals(e.getValue())) {
                files.put(path, before);
                continue;
            }
            LoadedFile loaded = read(path, e.getValue(), parser);
            if (loaded.problem() != null && loaded.records() == 0) {
                if (before != null && !before.packages().isEmpty()) {
                    LOG.warnf("OSV database: %s is unreadable (%s); keeping its previous version (%d records) until it"
                            + " changes again", path, loaded.problem(), before.records());
                    loaded = new LoadedFile(e.getValue(), before.packages(), before.records(), 0, loaded.problem());
                } else {
                    LOG.warnf("OSV database: %s is unreadable (%s); skipped", path, loaded.problem());
                }
            } else if (loaded.skipped() > 0) {
                LOG.warnf("OSV database: %s: skipped %d of %d records; the first: %s", path, loaded.skipped(),
                        loaded.records() + loaded.skipped(), loaded.problem());
            }
            files.put(path, loaded);
        }
        OsvDatabase db = OsvDatabase.of(files.values().stream().map(LoadedFile::packages).toList());
        LOG.infof("OSV database %s: %d records about %d packages from %d files", root, db.recordCount(),
                db.packageCount(), files.size());
        return new Snapshot(db, Map.copyOf(files));
    }

    private LoadedFile read(Path path, FileStamp stamp, OsvRecordParser parser) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            return name.endsWith(".zip") ? readZip(path, stamp, parser) : readJson(path, stamp, parser);
        } catch (IOException | RuntimeException e) {
            return new LoadedFile(stamp, List.of(), 0, 0, describe(e));
        }
    }

    private LoadedFile readJson(Path path, FileStamp stamp, OsvRecordParser parser) throws IOException {
        JsonNode tree;
        try (InputStream in = new Bounded(Files.newInputStream(path), MAX_RECORD_BYTES)) {
            tree = mapper.readTree(in);
        }
        if (tree == null) {
            throw new IOException("empty file");
        }
        List<AffectedPackage> packages = new ArrayList<>();
        int records = 0;
        int skipped = 0;
        String problem = null;
        for (JsonNode record : tree.isArray() ? tree : List.of(tree)) {
            try {
                packages.addAll(parser.parse(record));
                records++;
            } catch (InvalidOsvRecordException ex) {
                skipped++;
                problem = problem == null ? ex.getMessage() : problem;
            }
        }
        return new LoadedFile(stamp, List.copyOf(packages), records, skipped, problem);
    }

    private LoadedFile readZip(Path path, FileStamp stamp, OsvRecordParser parser) throws IOException {
        List<AffectedPackage> packages = new ArrayList<>();
        int records = 0;
        int skipped = 0;
        String problem = null;
        try (ZipFile zip = new ZipFile(path.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory() || !entry.getName().toLowerCase(Locale.ROOT).endsWith(".json")) {
                    continue;
                }
                try (InputStream in = new Bounded(zip.getInputStream(entry), MAX_RECORD_BYTES)) {
                    packages.addAll(parser.parse(mapper.readTree(in)));
                    records++;
                } catch (IOException | RuntimeException ex) {
                    skipped++;
                    problem = problem == null ? entry.getName() + ": " + describe(ex) : problem;
                }
            }
        }
        if (records == 0 && skipped == 0) {
            problem = "no .json record in the zip";
        }
        return new LoadedFile(stamp, List.copyOf(packages), records, skipped, problem);
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        if (m != null) {
            int nl = m.indexOf('\n');
            m = nl > 0 ? m.substring(0, nl) : m;
        }
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    /** Refuses to read past a limit: a record larger than any real one is a broken or hostile file. */
    private static final class Bounded extends FilterInputStream {
        private long left;

        Bounded(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                throw new IOException("record larger than " + MAX_RECORD_BYTES + " bytes");
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (left <= 0) {
                throw new IOException("record larger than " + MAX_RECORD_BYTES + " bytes");
            }
            int n = super.read(buf, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}

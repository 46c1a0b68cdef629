package io.berth.scanner.vuln.osv;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The test OSV database (src/test/resources/osv: real advisories, one directory per ecosystem) laid out as an
 * operator's mirror of osv.dev's exports: {@code <Ecosystem>/all.zip} with one JSON record per entry.
 */
public final class OsvTestDatabase {

    private OsvTestDatabase() {}

    /** The resources directory itself: one JSON file per record. */
    public static Path jsonDirectory() {
        try {
            return Path.of(OsvTestDatabase.class.getResource("/osv").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code <Ecosystem>/all.zip} for every ecosystem directory of the resources into {@code target}. */
    public static Path mirrorAsZips(Path target) throws IOException {
        try (Stream<Path> ecosystems = Files.list(jsonDirectory())) {
            for (Path eco : ecosystems.filter(Files::isDirectory).toList()) {
                Path dir = Files.createDirectories(target.resolve(eco.getFileName().toString()));
                zip(dir.resolve("all.zip"), records(eco));
            }
        }
        return target;
    }

    /** The record files of one ecosystem directory. */
    public static List<Path> records(Path ecosystemDir) throws IOException {
        try (Stream<Path> files = Files.list(ecosystemDir)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    /** A zip with each file as an entry named by its file name, as osv.dev's all.zip is. */
    public static void zip(Path zip, List<Path> files) throws IOException {
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            for (Path f : files) {
                z.putNextEntry(new ZipEntry(f.getFileName().toString()));
                Files.copy(f, z);
                z.closeEntry();
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}

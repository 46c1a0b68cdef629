package io.berth.registry.storage;

import io.berth.registry.storage.filesystem.FilesystemDriver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;

class FilesystemDriverTest extends StorageDriverContract {
    @TempDir
    static Path root;
    private static FilesystemDriver driver;

    @Override
    protected StorageDriver driver() {
        if (driver == null) {
            driver = new FilesystemDriver(root);
        }
        return driver;
    }

    @Override
    protected List<String> leftovers() {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.berth.registry.storage;

import io.berth.common.config.StorageConfig;
import io.berth.registry.storage.filesystem.FilesystemDriver;
import io.berth.service.db.StartupFailure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.nio.file.Path;

/** The one place that picks the storage driver from {@code storage.driver}. */
@ApplicationScoped
public class StorageProducer {

    @Produces
    @ApplicationScoped
    StorageDriver driver(StorageConfig storage) {
        return switch (storage.driver()) {
            case FILESYSTEM -> {
                try {
                    yield new FilesystemDriver(Path.of(storage.filesystem().root()));
                } catch (StorageException e) {
                    throw new StartupFailure("berth.storage.filesystem.root: " + e.getMessage());
                }
            }
            case S3 -> S3Drivers.create(storage);
        };
    }
}

package io.berth.registry.scrub;

import io.berth.registry.testing.RegistryTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/** The scrub on the filesystem driver: a byte of the blob's file is flipped in place. */
@QuarkusTest
@QuarkusTestResource(RegistryTestResource.class)
class ScrubFilesystemTest extends ScrubContract {
    @Override
    void flipAByte(String path) throws Exception {
        Path file = storage.localFile(path).orElseThrow();
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            long at = f.length() / 2;
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x01);
        }
    }
}

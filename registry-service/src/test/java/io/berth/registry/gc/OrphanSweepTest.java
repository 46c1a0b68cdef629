package io.berth.registry.gc;

import io.berth.registry.testing.RegistryTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/** The orphan sweep on the filesystem driver. */
@QuarkusTest
@QuarkusTestResource(RegistryTestResource.class)
class OrphanSweepTest extends OrphanSweepCases {
    @Override
    void backdate(String path, Instant when) throws Exception {
        Files.setLastModifiedTime(storage.localFile(path).orElseThrow(), FileTime.from(when));
    }
}

package io.berth.registry.scrub;

import io.berth.registry.testing.RegistryTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** {@link ScrubBench} on the filesystem driver (not a test). */
@QuarkusTest
@QuarkusTestResource(RegistryTestResource.class)
class ScrubFilesystemBench extends ScrubBench {
    @Override
    String driver() {
        return "filesystem";
    }
}

package io.berth.registry.scrub;

import io.berth.registry.storage.S3StorageApiTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link ScrubBench} on the S3 driver against s3proxy (not a test either). */
@QuarkusTest
@TestProfile(S3StorageApiTest.OnS3.class)
class ScrubS3Bench extends ScrubBench {
    @Override
    String driver() {
        return "s3 (s3proxy)";
    }
}

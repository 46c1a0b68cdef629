package io.berth.registry.gc;

import io.berth.registry.storage.S3ProxyResource;
import io.berth.registry.storage.S3StorageApiTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Instant;

/** The orphan sweep on the S3 driver against a real s3proxy (ListObjectsV2 pages, DeleteObjects). */
@QuarkusTest
@TestProfile(S3StorageApiTest.OnS3.class)
class OrphanSweepS3Test extends OrphanSweepCases {
    @Override
    void backdate(String path, Instant when) throws Exception {
        S3ProxyResource.running().backdate("registry", "berth/" + path, when);
    }
}

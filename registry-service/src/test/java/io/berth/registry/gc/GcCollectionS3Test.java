package io.berth.registry.gc;

import io.berth.registry.storage.S3StorageApiTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Every collection of {@link GcCollectionTest} again on the S3 driver against a real s3proxy: what GC deletes is gone
 * from the bucket (DeleteObjects), what it keeps is still there.
 */
@QuarkusTest
@TestProfile(S3StorageApiTest.OnS3.class)
class GcCollectionS3Test extends GcCollectionTest {
}

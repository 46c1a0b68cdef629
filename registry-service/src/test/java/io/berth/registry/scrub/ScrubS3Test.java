package io.berth.registry.scrub;

import io.berth.registry.storage.S3StorageApiTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The scrub on the S3 driver against s3proxy: the blob's object is rewritten with one byte flipped. */
@QuarkusTest
@TestProfile(S3StorageApiTest.OnS3.class)
class ScrubS3Test extends ScrubContract {
    @Override
    void flipAByte(String path) {
        byte[] content = storage.getContent(path);
        content[content.length / 2] ^= 0x01;
        storage.putContent(path, content);
    }
}

package io.berth.registry.scrub;

import io.berth.common.digest.Digest;
import io.berth.registry.storage.BlobPaths;
import io.berth.registry.storage.PathNotFoundException;
import io.berth.registry.storage.StorageDriver;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/** Re-reads a stored blob through its hash, a buffer at a time (never whole in memory), and says what is wrong with it. */
final class BlobCheck {
    private static final int BUFFER = 256 * 1024;

    /** What a read found: the bytes read, and why the blob is wrong (null: it is right). */
    record Result(long bytes, String problem) {}

    private BlobCheck() {}

    /**
     * Reads blob {@code digest} of {@code size} bytes; {@code throttle} (may be null) paces the reads. A blob whose
     * bytes are missing is wrong; a storage failure other than that throws (the blob is not judged).
     */
    static Result check(StorageDriver storage, Digest digest, long size, Throttle throttle) throws IOException, InterruptedException {
        MessageDigest hash = digest.algorithm().newMessageDigest();
        long read = 0;
        try (InputStream in = storage.reader(BlobPaths.blob(digest), 0)) {
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = in.read(buffer)) > 0;) {
                hash.update(buffer, 0, n);
                read += n;
                if (throttle != null) {
                    throttle.read(n);
                }
            }
        } catch (PathNotFoundException e) {
            return new Result(read, "its stored bytes are missing from " + storage.name() + " storage");
        }
        Digest actual = digest.algorithm().of(hash);
        if (!actual.equals(digest)) {
            return new Result(read, read + " stored bytes (" + size + " expected) hash to " + actual);
        }
        if (read != size) {
            return new Result(read, read + " stored bytes, " + size + " expected");
        }
        return new Result(read, null);
    }
}

package io.berth.registry.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link StorageDriver} must have. A driver's test only supplies the driver
 * (with a small multipart part size where it has one, so that parts and tails are exercised) and a
 * check that nothing is left behind.
 */
public abstract class StorageDriverContract {

    protected abstract StorageDriver driver();

    /** Everything stored under the driver's root, so that each test can prove it cleaned up. */
    protected abstract List<String> leftovers();

    /** Bytes big enough to span several multipart parts of the driver under test. */
    protected int large() {
        return 12 << 20;
    }

    @AfterEach
    void nothingIsLeftBehind() {
        assertThat(leftovers()).as("storage driver did not clean up properly").isEmpty();
    }

    static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer all = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            all.put(p);
        }
        return all.array();
    }

    private byte[] read(String path, long offset) throws Exception {
        try (InputStream in = driver().reader(path, offset)) {
            return in.readAllBytes();
        }
    }

    @Test
    void putContentThenGetContentRoundTrips() {
        driver().putContent("a/b/small", "hello".getBytes(StandardCharsets.UTF_8));
        assertThat(driver().getContent("a/b/small")).asString().isEqualTo("hello");
        driver().putContent("a/b/small", "replaced".getBytes(StandardCharsets.UTF_8));
        assertThat(driver().getContent("a/b/small")).asString().isEqualTo("replaced");
        driver().delete("a");
    }

    @Test
    void getContentOfNothingIsPathNotFound() {
        assertThatThrownBy(() -> driver().getContent("missing/object")).isInstanceOf(PathNotFoundException.class);
        assertThatThrownBy(() -> driver().size("missing/object")).isInstanceOf(PathNotFoundException.class);
        assertThat(driver().exists("missing/object")).isFalse();
    }

    @Test
    void readerStartsAtOffset() throws Exception {
        driver().putContent("r/data", "0123456789".getBytes(StandardCharsets.UTF_8));
        assertThat(read("r/data", 0)).asString().isEqualTo("0123456789");
        assertThat(read("r/data", 7)).asString().isEqualTo("789");
        assertThat(read("r/data", 10)).isEmpty();
        assertThatThrownBy(() -> driver().reader("r/data", 11)).isInstanceOf(InvalidOffsetException.class);
        assertThatThrownBy(() -> driver().reader("r/none", 0)).isInstanceOf(PathNotFoundException.class);
        assertThatThrownBy(() -> driver().reader("r/none", 3)).isInstanceOf(PathNotFoundException.class);
        driver().putContent("r/empty", new byte[0]);
        assertThat(read("r/empty", 0)).isEmpty();
        assertThatThrownBy(() -> driver().reader("r/empty", 1)).isInstanceOf(InvalidOffsetException.class);
        driver().delete("r");
    }

    @Test
    void writtenContentIsReadableOnlyAfterCommit() throws Exception {
        byte[] data = bytes(large(), 1);
        StorageWriter w = driver().writer("w/data", 0, null);
        w.write(ByteBuffer.wrap(data));
        assertThat(w.size()).isEqualTo(data.length);
        assertThat(driver().exists("w/data")).isFalse();
        w.commit();
        assertThat(driver().size("w/data")).isEqualTo(data.length);
        assertThat(read("w/data", 0)).isEqualTo(data);
        driver().delete("w");
    }

    @Test
    void aSuspendedWriterIsContinuedByAnotherFromItsSize() throws Exception {
        byte[] first = bytes(large() / 2 + 12345, 2);
        byte[] second = bytes(777, 3);
        byte[] third = bytes(large(), 4);
        StorageWriter w1 = driver().writer("s/data", 0, null);
        w1.write(ByteBuffer.wrap(first));
        String state = w1.suspend();
        StorageWriter w2 = driver().writer("s/data", first.length, state);
        assertThat(w2.size()).isEqualTo(first.length);
        w2.write(ByteBuffer.wrap(second));
        state = w2.suspend();
        StorageWriter w3 = driver().writer("s/data", first.length + second.length, state);
        w3.write(ByteBuffer.wrap(third));
        w3.commit();
        assertThat(read("s/data", 0)).isEqualTo(concat(first, second, third));
        driver().delete("s");
    }

    @Test
    void appendAfterZeroByteSuspend() throws Exception {
        StorageWriter empty = driver().writer("z/data", 0, null);
        String state = empty.suspend();
        StorageWriter w = driver().writer("z/data", 0, state);
        w.write(ByteBuffer.wrap("abc".getBytes(StandardCharsets.UTF_8)));
        w.commit();
        assertThat(read("z/data", 0)).asString().isEqualTo("abc");
        driver().delete("z");
    }

    @Test
    void aZeroByteCommitStoresAnEmptyObject() throws Exception {
        driver().writer("e/data", 0, null).commit();
        assertThat(driver().size("e/data")).isZero();
        assertThat(read("e/data", 0)).isEmpty();
        driver().delete("e");
    }

    @Test
    void aWriterCannotStartBeyondWhatWasKept() {
        StorageWriter w = driver().writer("o/data", 0, null);
        w.write(ByteBuffer.wrap(bytes(100, 5)));
        String state = w.suspend();
        assertThatThrownBy(() -> driver().writer("o/data", 101, state)).isInstanceOf(InvalidOffsetException.class);
        driver().writer("o/data", 100, state).cancel();
        driver().delete("o");
    }

    @Test
    void bytesOfAWriterThatNeverSuspendedAreDiscarded() throws Exception {
        StorageWriter w = driver().writer("d/data", 0, null);
        w.write(ByteBuffer.wrap("kept".getBytes(StandardCharsets.UTF_8)));
        String state = w.suspend();
        StorageWriter crashed = driver().writer("d/data", 4, state);
        crashed.write(ByteBuffer.wrap("lost in a crash".getBytes(StandardCharsets.UTF_8)));
        // no suspend, no commit: the next writer resumes from the kept state
        StorageWriter next = driver().writer("d/data", 4, state);
        next.write(ByteBuffer.wrap("+more".getBytes(StandardCharsets.UTF_8)));
        next.commit();
        assertThat(read("d/data", 0)).asString().isEqualTo("kept+more");
        driver().delete("d");
    }

    @Test
    void cancelLeavesNothing() {
        StorageWriter w = driver().writer("c/data", 0, null);
        w.write(ByteBuffer.wrap(bytes(large(), 6)));
        w.cancel();
        assertThat(driver().exists("c/data")).isFalse();
        driver().delete("c");
    }

    @Test
    void abandoningASuspendedUploadLeavesNothing() {
        StorageWriter w = driver().writer("a/data", 0, null);
        w.write(ByteBuffer.wrap(bytes(large() + 1000, 7)));
        String state = w.suspend();
        driver().abandon("a/data", state);
        assertThat(driver().exists("a/data")).isFalse();
        driver().delete("a");
    }

    @Test
    void aFirstWriterThatGoesAwayWithoutSuspendingLeavesNothing() {
        // as when the client of an upload's first chunk breaks off: nothing recorded what the writer started
        StorageWriter w = driver().writer("g/data", 0, null);
        w.write(ByteBuffer.wrap(bytes(large() + 1000, 8)));
        w.close();
        driver().abandon("g/data", null);
        driver().delete("g");
    }

    @Test
    void moveOverwritesTheTarget() throws Exception {
        driver().putContent("m/src", "new".getBytes(StandardCharsets.UTF_8));
        driver().putContent("m/dst/data", "old".getBytes(StandardCharsets.UTF_8));
        driver().move("m/src", "m/dst/data");
        assertThat(read("m/dst/data", 0)).asString().isEqualTo("new");
        assertThat(driver().exists("m/src")).isFalse();
        assertThatThrownBy(() -> driver().move("m/src", "m/elsewhere")).isInstanceOf(PathNotFoundException.class);
        driver().delete("m");
    }

    @Test
    void deleteRemovesOnlySubpaths() {
        driver().putContent("del/a/one", new byte[] {1});
        driver().putContent("del/a/two/three", new byte[] {2});
        driver().putContent("del/ab", new byte[] {3});
        driver().delete("del/a");
        assertThat(driver().exists("del/a/one")).isFalse();
        assertThat(driver().exists("del/a/two/three")).isFalse();
        assertThat(driver().exists("del/ab")).isTrue();
        driver().delete("del/nothing-here");
        driver().delete("del");
    }

    @Test
    void listShowsDirectChildren() {
        driver().putContent("l/x/1", new byte[] {1});
        driver().putContent("l/x/sub/2", new byte[] {2});
        driver().putContent("l/y", new byte[] {3});
        assertThat(driver().list("l")).containsExactly("l/x", "l/y");
        assertThat(driver().list("l/x")).containsExactly("l/x/1", "l/x/sub");
        assertThat(driver().list("l/none")).isEmpty();
        driver().delete("l");
    }

    @Test
    void concurrentWritersOnDifferentPathsDoNotInterfere() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int n = i;
            done.add(pool.submit(() -> {
                StorageWriter w = driver().writer("cc/" + n, 0, null);
                for (int k = 0; k < 8; k++) {
                    w.write(ByteBuffer.wrap(bytes(256 << 10, n * 100 + k)));
                }
                w.commit();
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        for (int i = 0; i < 4; i++) {
            MessageDigest expected = MessageDigest.getInstance("SHA-256");
            for (int k = 0; k < 8; k++) {
                expected.update(bytes(256 << 10, i * 100 + k));
            }
            assertThat(MessageDigest.getInstance("SHA-256").digest(read("cc/" + i, 0))).isEqualTo(expected.digest());
        }
        driver().delete("cc");
    }

    @Test
    void deleteBlobsDeletesEachBlobAndCountsMissingOnesAsDeleted() {
        driver().putContent("blobs/sha256/ab/ab01/data", new byte[] {1});
        driver().putContent("blobs/sha256/ab/ab02/data", new byte[] {2});
        driver().putContent("blobs/sha256/ab/ab03/data", new byte[] {3});
        List<String> failed = driver().deleteBlobs(List.of("blobs/sha256/ab/ab01/data", "blobs/sha256/ab/ab02/data",
                "blobs/sha256/cd/cd99/data"));
        assertThat(failed).isEmpty();
        assertThat(driver().exists("blobs/sha256/ab/ab01/data")).isFalse();
        assertThat(driver().exists("blobs/sha256/ab/ab02/data")).isFalse();
        assertThat(driver().exists("blobs/sha256/ab/ab03/data")).isTrue();
        assertThat(driver().deleteBlobs(List.of())).isEmpty();
        driver().delete("blobs");
    }

    @Test
    void deleteBlobsReportsThePathsItCouldNotDelete() {
        driver().putContent("blobs/sha256/ef/ef01/data", new byte[] {1});
        List<String> failed = driver().deleteBlobs(List.of("../escape/data", "blobs/sha256/ef/ef01/data"));
        assertThat(failed).containsExactly("../escape/data");
        assertThat(driver().exists("blobs/sha256/ef/ef01/data")).isFalse();
        driver().delete("blobs");
    }

    @Test
    void listObjectsPagesInKeyOrderWithSizeAndModificationTime() {
        java.time.Instant before = java.time.Instant.now().minusSeconds(60);
        driver().putContent("lo/b/2/data", new byte[] {1, 2});
        driver().putContent("lo/a/1/data", new byte[] {1});
        driver().putContent("lo/c", new byte[] {1, 2, 3});
        driver().putContent("lox/outside", new byte[] {9});
        List<StoredObject> first = driver().listObjects("lo", null, 2);
        assertThat(first).extracting(StoredObject::path).containsExactly("lo/a/1/data", "lo/b/2/data");
        assertThat(first).extracting(StoredObject::size).containsExactly(1L, 2L);
        assertThat(first).allSatisfy(o -> assertThat(o.modified()).isAfter(before)
                .isBefore(java.time.Instant.now().plusSeconds(60)));
        List<StoredObject> rest = driver().listObjects("lo", first.get(1).path(), 2);
        assertThat(rest).extracting(StoredObject::path).containsExactly("lo/c");
        assertThat(driver().listObjects("lo", "lo/c", 2)).isEmpty();
        assertThat(driver().listObjects("nothing-here", null, 10)).isEmpty();
        driver().delete("lo");
        driver().delete("lox");
    }

    @Test
    void listObjectsPagesOneAtATimeThroughNestedDirectoriesInKeyOrder() {
        List<String> paths = List.of("ln/a.b", "ln/a/x/data", "ln/a/y", "ln/b/c/d/data", "ln/b/e", "ln/c");
        for (String path : List.of("ln/c", "ln/b/e", "ln/a/y", "ln/a.b", "ln/b/c/d/data", "ln/a/x/data")) {
            driver().putContent(path, new byte[] {7});
        }
        List<String> seen = new java.util.ArrayList<>();
        String after = null;
        for (List<StoredObject> page; !(page = driver().listObjects("ln", after, 1)).isEmpty(); after = page.get(0).path()) {
            assertThat(page).hasSize(1);
            seen.add(page.get(0).path());
        }
        assertThat(seen).as("byte order of the whole path, as S3 lists keys").isEqualTo(paths);
        assertThat(driver().listObjects("ln", "ln/a/x", 10)).extracting(StoredObject::path).containsExactly("ln/a/x/data", "ln/a/y",
                "ln/b/c/d/data", "ln/b/e", "ln/c");
        driver().delete("ln");
    }

    @Test
    void moveIntoAParentThatConcurrentDeletesEmptyStillLands() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 30; i++) {
                String mine = "blobs/sha256/77/77" + i + "a/data";
                String other = "blobs/sha256/77/77" + i + "b/data";
                driver().putContent(other, new byte[] {2});
                driver().putContent("mv/src" + i, new byte[] {1});
                int n = i;
                Future<?> deleting = pool.submit(() -> driver().delete(other));
                Future<?> moving = pool.submit(() -> driver().move("mv/src" + n, mine));
                deleting.get();
                moving.get();
                assertThat(driver().exists(mine)).isTrue();
                driver().deleteBlobs(List.of(mine));
            }
        } finally {
            pool.shutdown();
        }
        driver().delete("blobs");
        driver().delete("mv");
    }

    @Test
    void pathsMayNotEscapeTheRoot() {
        assertThatThrownBy(() -> driver().putContent("../outside", new byte[] {1})).isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> driver().getContent("/absolute")).isInstanceOf(StorageException.class);
    }
}

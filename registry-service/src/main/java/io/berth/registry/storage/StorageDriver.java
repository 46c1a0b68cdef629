package io.berth.registry.storage;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Bytes under slash-separated relative paths ({@code blobs/sha256/ab/abcd…/data}). Blocking: call it
 * from worker threads. Implementations: filesystem and S3; both pass {@code StorageDriverContract}.
 */
public interface StorageDriver {

    /** The driver's name, for errors and health: {@code filesystem}, {@code s3}. */
    String name();

    /** The whole content of a small object. Throws {@link PathNotFoundException} if there is none. */
    byte[] getContent(String path);

    /** Stores a small object whole, replacing any content at {@code path}; readable once this returns. */
    void putContent(String path, byte[] content);

    /**
     * A stream of the content at {@code path} starting at {@code offset}. Throws
     * {@link PathNotFoundException} if there is none, {@link InvalidOffsetException} if {@code offset}
     * is beyond its end.
     */
    InputStream reader(String path, long offset);

    /**
     * A writer that continues the uncommitted content at {@code path} from {@code offset} (0 and a
     * null {@code resumeState} for a new one). {@code resumeState} is what the previous writer's
     * {@link StorageWriter#suspend()} returned, possibly in another process. Bytes written beyond
     * {@code offset} by a writer that never suspended are discarded. Content becomes readable at
     * {@code path} only after {@link StorageWriter#commit()}.
     */
    StorageWriter writer(String path, long offset, String resumeState);

    /**
     * Discards the uncommitted content that suspended writers left at {@code path}, given the last
     * {@code resumeState} (null if none), without reading it back: what {@link StorageWriter#cancel()}
     * of a writer resumed from it would do. Nothing happens for content that is not there.
     */
    default void abandon(String path, String resumeState) {
        delete(path);
    }

    /** Size of the content at {@code path}, or {@link PathNotFoundException}. */
    long size(String path);

    /** Whether there is content at {@code path}. */
    boolean exists(String path);

    /** Paths of the direct children of directory {@code path}; empty if it does not exist. */
    List<String> list(String path);

    /**
     * Moves the content at {@code source} to {@code destination}, replacing what was there; the
     * destination is never seen half-written. Throws {@link PathNotFoundException} if {@code source} is absent.
     */
    void move(String source, String destination);

    /** Deletes {@code path} and everything under it; nothing happens if there is nothing. */
    void delete(String path);

    /**
     * Deletes each blob content path ({@code blobs/<alg>/<xx>/<hex>/data}: the object and, where the driver has
     * directories, its {@code <hex>} directory, never {@code <xx>}). Returns the paths that could not be deleted;
     * missing ones count as deleted. Never throws for one path's failure.
     */
    default List<String> deleteBlobs(List<String> paths) {
        List<String> failed = new java.util.ArrayList<>();
        for (String path : paths) {
            try {
                delete(path);
            } catch (RuntimeException e) {
                failed.add(path);
            }
        }
        return failed;
    }

    /**
     * A page of the objects under directory {@code prefix} (recursively), in key order, strictly after the path
     * {@code after} (null: from the first), at most {@code limit}, with size and last modification time.
     */
    List<StoredObject> listObjects(String prefix, String after, int limit);

    /** A URL from which a client can read {@code path} directly for {@code validity}, if the driver has such. */
    default Optional<URI> redirectUrl(String path, Duration validity) {
        return Optional.empty();
    }

    /** The local file holding {@code path}, when the driver keeps content in local files (zero-copy serving). */
    default Optional<Path> localFile(String path) {
        return Optional.empty();
    }
}

package io.berth.registry.storage;

import java.nio.ByteBuffer;

/** Writes one object of a {@link StorageDriver}, possibly across several writers and processes. */
public interface StorageWriter {

    /** Appends all of {@code data}. */
    void write(ByteBuffer data);

    /** Bytes in the object so far, from every writer of it. */
    long size();

    /** Makes the content durable and readable at the writer's path. The writer is finished. */
    void commit();

    /** Discards the content. The writer is finished. */
    void cancel();

    /**
     * Ends this writer without committing: what was written is durable, and a later writer may
     * continue from {@link #size()} with the returned state (null when the driver needs none).
     */
    String suspend();

    /**
     * Lets go of what the writer holds open (files, spooled bytes) when it is abandoned, as after a
     * failed chunk: the object stays as the last {@link #suspend} left it. Commit, cancel and suspend
     * do this themselves.
     */
    void close();
}

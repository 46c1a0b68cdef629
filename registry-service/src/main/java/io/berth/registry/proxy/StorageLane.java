package io.berth.registry.proxy;

import io.berth.registry.storage.StorageWriter;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * The storage side of a blob fetched from an upstream: a thread of its own writes the pieces handed to it, in order,
 * while the fetch goes on sending them to the client, so that the client never waits for the disk but when the lane
 * falls behind by what its caller allows (each piece's {@code written} callback tells it). After {@link #finish}
 * with the digest verified it commits (fsync); else, or if a write failed, it writes nothing more and cancels the
 * writer. Then {@code settled} gets whether the blob is committed, once, on the lane's thread; the caller places it, or
 * cleans up, from there.
 */
final class StorageLane {
    private static final ExecutorService LANES = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "proxy-storage-lane");
        t.setDaemon(true);
        return t;
    });

    private record Piece(ByteBuffer data, Runnable written, Boolean end) {}

    private final StorageWriter writer;
    private final Consumer<Boolean> settled;
    private final BlockingQueue<Piece> pieces = new LinkedBlockingQueue<>();
    private volatile boolean stored;
    private boolean finished;

    StorageLane(StorageWriter writer, Consumer<Boolean> settled) {
        this.writer = writer;
        this.settled = settled;
        LANES.execute(this::run);
    }

    /** Queues {@code data} (not to be changed until {@code written} runs, on the lane's thread, written or not). */
    void add(ByteBuffer data, Runnable written) {
        pieces.add(new Piece(data, written, null));
    }

    /** No more pieces: commit them if {@code verified}. Later calls are ignored. */
    synchronized void finish(boolean verified) {
        if (!finished) {
            finished = true;
            pieces.add(new Piece(null, null, verified));
        }
    }

    private void run() {
        boolean ok = true;
        try {
            Piece p = pieces.take();
            for (; p.end() == null; p = pieces.take()) {
                try {
                    if (ok) {
                        writer.write(p.data());
                    }
                } catch (RuntimeException e) {
                    ok = false; // the client still gets the blob; it is not cached
                } finally {
                    p.written().run();
                }
            }
            if (ok && p.end()) {
                writer.commit();
                stored = true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // not committed: not cached
        }
        if (!stored) {
            try {
                writer.cancel();
            } catch (RuntimeException broken) {
                // the caller deletes the upload's directory
            }
        }
        settled.accept(stored);
    }
}

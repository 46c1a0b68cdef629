package io.berth.common.download;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends {@code length} bytes of a source as a response body: reads pieces off the event loop into
 * pooled direct buffers, which the socket writes from without another copy, and reads the next piece
 * while the client takes the last; a slow client makes it wait.
 *
 * <p>Plain reads and writes rather than {@code sendfile}: on these machines sendfile moved 0.9–1.5 GB/s
 * where 1 MiB writes moved 1.8–3 GB/s, and it cannot go through TLS anyway. Big pieces are what make
 * it fast (each piece is a hop to a worker thread and back; 4 MiB pieces took a 1 GiB download from
 * 0.86× Distribution's rate to 1.0–1.07×, 256 KiB pieces fell to 0.5×), so the first
 * {@value #LARGE_PIECE_DOWNLOADS} downloads running in the process take 4 MiB pieces, the next ones up
 * to {@value #MEDIUM_PIECE_DOWNLOADS} 1 MiB, and any beyond 64 KiB; at most about three pieces are in
 * flight per download, so memory stays bounded whatever the number of downloads and the size of the blobs.
 */
public final class DownloadPump {
    private static final int LARGE_PIECE = 4 << 20;
    private static final int MEDIUM_PIECE = 1 << 20;
    private static final int SMALL_PIECE = 64 << 10;
    private static final int LARGE_PIECE_DOWNLOADS = 4;
    private static final int MEDIUM_PIECE_DOWNLOADS = 16;
    private static final AtomicInteger RUNNING = new AtomicInteger();

    /** Where the bytes come from: reads up to {@code max} bytes into {@code into}, returns how many (0 or less at the end). */
    public interface Source extends Closeable {
        int read(ByteBuf into, int max) throws IOException;

        static Source of(FileChannel file, long offset) {
            long[] position = {offset};
            return new Source() {
                @Override
                public int read(ByteBuf into, int max) throws IOException {
                    int n = into.writeBytes(file, position[0], max);
                    position[0] += Math.max(n, 0);
                    return n;
                }

                @Override
                public void close() throws IOException {
                    file.close();
                }
            };
        }

        /**
         * Through a heap array of its own: Netty's {@code ByteBuf.writeBytes(InputStream, n)} into a direct
         * buffer allocates a fresh {@code n}-byte array for every read above 1 KiB, and a stream gives a few
         * KiB a read while {@code n} is the rest of a 4 MiB piece (S3 downloads ran at 0.37× Distribution's).
         */
        static Source of(InputStream in) {
            byte[] chunk = new byte[64 << 10];
            return new Source() {
                @Override
                public int read(ByteBuf into, int max) throws IOException {
                    int n = in.read(chunk, 0, Math.min(max, chunk.length));
                    if (n > 0) {
                        into.writeBytes(chunk, 0, n);
                    }
                    return n;
                }

                @Override
                public void close() throws IOException {
                    in.close();
                }
            };
        }
    }

    private final Vertx vertx;
    private final HttpServerResponse response;
    private final Source source;
    private final int piece;
    private long remaining;
    private boolean closed;
    private final ArrayDeque<ByteBuf> spare = new ArrayDeque<>(2);
    private final WriteBudget budget;
    private final Runnable onAbort;

    private DownloadPump(Vertx vertx, HttpServerResponse response, Source source, long length, int piece, WriteBudget budget,
            Runnable onAbort) {
        this.vertx = vertx;
        this.budget = budget;
        this.onAbort = onAbort;
        this.response = response;
        this.source = source;
        this.remaining = length;
        this.piece = piece;
    }

    /**
     * Sends the body (status and headers, Content-Length included, are the caller's) on the response's
     * event loop; the source is closed at the end, or when the client goes away. A source that ends
     * before {@code length} bytes resets the connection, so no client takes a short body for whole.
     */
    public static void pump(Vertx vertx, HttpServerResponse response, Source source, long length) {
        pump(vertx, response, source, length, WriteBudget.NONE);
    }

    /**
     * As {@link #pump(Vertx, HttpServerResponse, Source, long)}, with what is written and not yet taken
     * counted in {@code budget}: while it is tight, the download reads {@value #SMALL_PIECE}-byte pieces
     * and the next only once the last is taken, so a client that stopped reading holds one small piece.
     */
    public static void pump(Vertx vertx, HttpServerResponse response, Source source, long length, WriteBudget budget) {
        pump(vertx, response, source, length, budget, () -> { });
    }

    /** As above; {@code onAbort} runs (once, on the event loop) if the download is broken off before its last byte. */
    public static void pump(Vertx vertx, HttpServerResponse response, Source source, long length, WriteBudget budget,
            Runnable onAbort) {
        int running = RUNNING.incrementAndGet();
        int piece = running <= LARGE_PIECE_DOWNLOADS ? LARGE_PIECE
                : running <= MEDIUM_PIECE_DOWNLOADS ? MEDIUM_PIECE : SMALL_PIECE;
        DownloadPump pump = new DownloadPump(vertx, response, source, length, piece, budget, onAbort);
        response.setWriteQueueMaxSize(2 * piece);
        response.closeHandler(v -> {
            if (pump.remaining > 0 && !pump.closed) {
                onAbort.run(); // the client left before the last byte
            }
            pump.close();
        });
        if (length == 0) {
            pump.close();
            response.end();
        } else {
            pump.next();
        }
    }

    private void next() {
        if (closed) {
            return;
        }
        int want = (int) Math.min(budget.tight() ? Math.min(piece, SMALL_PIECE) : piece, remaining);
        ByteBuf into = spare.isEmpty() ? null : spare.pop();
        if (into == null || into.maxCapacity() < want) {
            if (into != null) {
                into.release(); // a small piece of a tight budget: too small for the pieces of a loose one
            }
            into = PooledByteBufAllocator.DEFAULT.directBuffer(want, want);
        }
        ByteBuf buffer = into;
        vertx.executeBlocking(() -> readFully(buffer, want), false).onComplete(ar -> {
            if (ar.failed() || closed || buffer.readableBytes() == 0) {
                recycle(buffer);
                abort();
                return;
            }
            int n = buffer.readableBytes();
            remaining -= n;
            budget.queued(n);
            // Vert.x writes the buffer without taking ownership of it: it is ours again once written.
            io.vertx.core.Future<Void> written = response.write(Buffer.buffer(buffer)).onComplete(done -> {
                budget.taken(n);
                recycle(buffer);
            });
            if (remaining == 0) {
                close();
                response.end();
            } else if (budget.tight()) {
                written.onComplete(done -> next()); // one piece at a time until the budget loosens
            } else if (response.writeQueueFull()) {
                // once: a drain handler left in place would start a second read beside the next one
                response.drainHandler(v -> {
                    response.drainHandler(null);
                    next();
                });
            } else {
                next();
            }
        });
    }

    private ByteBuf readFully(ByteBuf into, int want) throws IOException {
        while (into.readableBytes() < want && source.read(into, want - into.readableBytes()) > 0) {
            // until the piece is full or the source ends
        }
        return into;
    }

    /**
     * Keeps a written piece's buffer for the next read (on the event loop, as every use of {@code spare}):
     * pieces above 64 KiB are outside Netty's pools as Quarkus sizes them, and a fresh one is zeroed
     * memory each time.
     */
    private void recycle(ByteBuf buffer) {
        if (closed || budget.tight()) {
            buffer.release(); // while the budget is tight, a download keeps no spare piece either
        } else {
            spare.push(buffer.clear());
        }
    }

    private void abort() {
        if (!closed) {
            onAbort.run();
        }
        close();
        if (!response.closed()) {
            response.reset();
        }
    }

    private void close() {
        if (!closed) {
            closed = true;
            RUNNING.decrementAndGet();
            while (!spare.isEmpty()) {
                spare.pop().release();
            }
            try {
                source.close();
            } catch (IOException ignored) {
                // nothing more to read anyway
            }
        }
    }
}

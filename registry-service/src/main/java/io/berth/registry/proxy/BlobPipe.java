package io.berth.registry.proxy;

import io.berth.common.digest.Digest;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;
import java.security.MessageDigest;

/**
 * A blob's bytes piped from the upstream's response to the client's as they arrive, on the event loop, hashed on the
 * way and handed to the {@link StorageLane} beside: no thread hop and no copy per piece. The upstream is paused while
 * the client's write queue is full or more than {@value #LANE_BYTES} bytes wait for the lane, so memory stays bounded
 * whatever the speeds. Each piece is held until the next arrives, and the last one until the digest is checked: bytes
 * that do not match, or an upstream that ends or fails early, reset the client's connection instead (no client takes a
 * short or wrong body for whole), and the lane is told to store nothing. A client that leaves stops the transfer.
 */
final class BlobPipe {
    static final int LANE_BYTES = 4 << 20;

    private final Context context;
    private final HttpClientResponse upstream;
    private final HttpServerResponse client;
    private final StorageLane lane;
    private final Digest expected;
    private final long length;
    private final MessageDigest digest;
    private long received;
    /** Bytes handed to the lane and not written yet (updated from the lane's thread). */
    private final java.util.concurrent.atomic.AtomicLong waitingForLane = new java.util.concurrent.atomic.AtomicLong();
    private Buffer held;
    private boolean paused;
    private boolean over;

    private BlobPipe(Context context, HttpClientResponse upstream, HttpServerResponse client, StorageLane lane, Digest expected, long length) {
        this.context = context;
        this.upstream = upstream;
        this.client = client;
        this.lane = lane;
        this.expected = expected;
        this.length = length;
        this.digest = expected.algorithm().newMessageDigest();
    }

    /** Starts piping (on the event loop of {@code context}); the client's status and headers are the caller's. */
    static void start(Context context, HttpClientResponse upstream, HttpServerResponse client, StorageLane lane, Digest expected, long length) {
        BlobPipe pipe = new BlobPipe(context, upstream, client, lane, expected, length);
        client.setWriteQueueMaxSize(2 << 20);
        upstream.handler(pipe::piece);
        upstream.endHandler(v -> pipe.end());
        upstream.exceptionHandler(pipe::fail);
        client.closeHandler(v -> pipe.fail(new IllegalStateException("the client left")));
        client.drainHandler(v -> pipe.resumeIfRoom());
    }

    private void piece(Buffer buffer) {
        if (over) {
            return;
        }
        received += buffer.length();
        if (received > length) {
            fail(new IllegalStateException("the upstream sent more than the " + length + " bytes of blob " + expected));
            return;
        }
        digest.update(buffer.getByteBuf().nioBuffer());
        int n = buffer.length();
        waitingForLane.addAndGet(n);
        lane.add(buffer.getByteBuf().nioBuffer(), () -> {
            if (waitingForLane.addAndGet(-n) < LANE_BYTES / 2) {
                context.runOnContext(v -> resumeIfRoom());
            }
        });
        if (held != null) {
            client.write(held);
        }
        held = buffer;
        if (client.writeQueueFull() || waitingForLane.get() >= LANE_BYTES) {
            paused = true;
            upstream.pause();
        }
    }

    private void resumeIfRoom() {
        if (paused && !over && !client.writeQueueFull() && waitingForLane.get() < LANE_BYTES) {
            paused = false;
            upstream.resume();
        }
    }

    private void end() {
        if (over) {
            return;
        }
        if (received != length) {
            fail(new IllegalStateException("the upstream ended blob " + expected + " after " + received + " of " + length + " bytes"));
            return;
        }
        Digest actual = expected.algorithm().of(digest);
        if (!actual.equals(expected)) {
            fail(new IllegalStateException("the upstream sent " + actual + " for blob " + expected));
            return;
        }
        over = true;
        lane.finish(true);
        if (held != null) {
            client.end(held);
        } else {
            client.end();
        }
    }

    private void fail(Throwable cause) {
        if (over) {
            return;
        }
        over = true;
        lane.finish(false);
        upstream.request().reset(); // the connection is not reused: the rest of the body is never read
        if (!client.closed()) {
            client.reset();
        }
    }
}

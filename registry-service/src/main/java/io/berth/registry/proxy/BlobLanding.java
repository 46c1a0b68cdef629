package io.berth.registry.proxy;

import io.berth.common.digest.Digest;
import io.berth.common.download.DownloadPump;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A blob read from the upstream through a blocking stream (the JDK client: what {@link BlobPipe} leaves to it, as an
 * upstream that redirects to object storage) as it is sent to the client, and written to storage beside it
 * ({@link StorageLane}): each piece read is hashed and copied out to the client, and handed to the lane; the piece that
 * ends the blob is handed out only once the digest matches the one asked for, so a mismatch, or an upstream that ends
 * or fails early, fails that read and the client's download is broken off (its connection reset: no client takes a
 * short or wrong body for whole). The lane holds the client back only when it is {@value #PIECES} pieces behind.
 * Reads come one at a time (the pump's); {@link #close} may come from the event loop while a read is running, and then
 * takes effect when that read returns.
 */
final class BlobLanding implements DownloadPump.Source {
    static final int PIECE = 1 << 20;
    static final int PIECES = 4;

    private final InputStream upstream;
    private final StorageLane lane;
    private final Digest expected;
    private final long length;
    private final MessageDigest digest;
    /** Arrays free for the next piece: the lane gives each back once written, so it bounds what waits for the lane. */
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(PIECES);
    private long received;
    private volatile boolean verified;
    private boolean reading;
    private boolean closed;

    BlobLanding(InputStream upstream, StorageLane lane, Digest expected, long length) {
        this.upstream = upstream;
        this.lane = lane;
        this.expected = expected;
        this.length = length;
        this.digest = expected.algorithm().newMessageDigest();
        for (int i = 0; i < PIECES; i++) {
            free.add(new byte[(int) Math.max(1, Math.min(PIECE, length))]);
        }
    }

    @Override
    public int read(ByteBuf into, int max) throws IOException {
        synchronized (this) {
            if (closed) {
                throw new IOException("the download of " + expected + " was closed");
            }
            reading = true;
        }
        try {
            int want = (int) Math.min(max, length - received);
            if (want == 0) {
                return 0;
            }
            byte[] piece = take();
            int n = fill(piece, Math.min(want, piece.length));
            digest.update(piece, 0, n);
            received += n;
            lane.add(ByteBuffer.wrap(piece, 0, n), () -> free.add(piece));
            if (received == length) {
                Digest actual = expected.algorithm().of(digest);
                if (!actual.equals(expected)) {
                    throw new IOException("the upstream sent " + actual + " for blob " + expected);
                }
                verified = true;
                lane.finish(true);
            }
            // the lane may write the array meanwhile (both only read it); it comes back to this thread only by take()
            into.writeBytes(piece, 0, n);
            return n;
        } finally {
            boolean endNow;
            synchronized (this) {
                reading = false;
                endNow = closed;
            }
            if (endNow) {
                end();
            }
        }
    }

    /** Reads the upstream until {@code piece} holds {@code want} bytes; an upstream that ends first fails. */
    private int fill(byte[] piece, int want) throws IOException {
        int n = 0;
        while (n < want) {
            int r = upstream.read(piece, n, want - n);
            if (r < 0) {
                throw new IOException("the upstream ended blob " + expected + " after " + (received + n) + " of " + length + " bytes");
            }
            n += r;
        }
        return n;
    }

    private byte[] take() throws IOException {
        try {
            return free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the blob " + expected + " was being stored", e);
        }
    }

    /** The download is over: the lane commits if the blob was verified, and the upstream's stream is let go. */
    private void end() {
        lane.finish(verified);
        try {
            upstream.close(); // the JDK client's stream: cancels its subscription, without blocking
        } catch (IOException ignored) {
            // the transfer is over either way
        }
    }

    @Override
    public void close() {
        boolean endNow;
        synchronized (this) {
            closed = true;
            endNow = !reading;
        }
        if (endNow) {
            end();
        }
    }
}

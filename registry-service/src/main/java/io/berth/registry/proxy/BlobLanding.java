package io.berth.registry.proxy;

import io.berth.common.digest.Digest;
import io.berth.common.download.DownloadPump;
import io.berth.registry.storage.StorageWriter;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.function.Consumer;

/**
 * A blob read from the upstream as it is sent to the client: each piece read goes to the storage writer and the
 * digest, then to the client. After the last byte the writer is committed and the digest compared with the one asked
 * for; a mismatch, or an upstream that ends or fails early, fails that read, so the client's download is broken off
 * (its connection reset: no client takes a short or wrong body for whole). When the download ends either way, {@code
 * settled} gets whether the bytes are verified (they may then be placed as the blob), once, off the event loop's
 * critical path: the caller cleans up there. Reads come one at a time (the pump's); {@link #close} may come from the
 * event loop while a read is running, and then settles when that read returns.
 */
final class BlobLanding implements DownloadPump.Source {
    private final InputStream upstream;
    private final StorageWriter writer;
    private final Digest expected;
    private final long length;
    private final MessageDigest digest;
    private final Consumer<Boolean> settled;
    private final byte[] chunk = new byte[256 << 10];
    private long received;
    private boolean verified;
    private boolean reading;
    private boolean closed;
    private boolean done;

    BlobLanding(InputStream upstream, StorageWriter writer, Digest expected, long length, Consumer<Boolean> settled) {
        this.upstream = upstream;
        this.writer = writer;
        this.expected = expected;
        this.length = length;
        this.digest = expected.algorithm().newMessageDigest();
        this.settled = settled;
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
            int want = (int) Math.min(Math.min(max, chunk.length), length - received);
            if (want == 0) {
                return 0;
            }
            int n = upstream.read(chunk, 0, want);
            if (n < 0) {
                throw new IOException("the upstream ended blob " + expected + " after " + received + " of " + length + " bytes");
            }
            writer.write(ByteBuffer.wrap(chunk, 0, n));
            digest.update(chunk, 0, n);
            received += n;
            if (received == length) {
                writer.commit();
                Digest actual = expected.algorithm().of(digest);
                if (!actual.equals(expected)) {
                    throw new IOException("the upstream sent " + actual + " for blob " + expected);
                }
                verified = true;
            }
            into.writeBytes(chunk, 0, n);
            return n;
        } finally {
            boolean settleNow;
            synchronized (this) {
                reading = false;
                settleNow = closed && !done;
                done |= settleNow;
            }
            if (settleNow) {
                settled.accept(verified);
            }
        }
    }

    /** The upstream stream and the writer, for the caller's clean-up once settled (blocking). */
    void release() {
        try {
            upstream.close();
        } catch (IOException ignored) {
            // the transfer is over either way
        }
        if (!verified) {
            try {
                writer.cancel();
            } catch (RuntimeException committedOrBroken) {
                // committed before its digest was found wrong, or failed: the caller deletes the upload's directory
            }
        }
    }

    @Override
    public void close() {
        boolean settleNow;
        synchronized (this) {
            closed = true;
            settleNow = !reading && !done;
            done |= settleNow;
        }
        if (settleNow) {
            settled.accept(verified);
        }
    }
}

package io.berth.scanner.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.client.OciClient;
import io.berth.common.client.RegistryException;
import io.berth.common.digest.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.FilterInputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.zip.ZipException;

/**
 * Pulls an image through the OCI API, streaming: the manifest (by digest, checked), the config (small, capped), then
 * each layer in turn as a decompressed tar stream for a {@link LayerConsumer}. The compressed bytes are hashed as they
 * arrive and must match the layer's digest once the stream is read to its end; a layer that cannot be read (a corrupt
 * gzip, a truncated blob) fails the scan naming it.
 */
public final class ImagePuller {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_CONFIG = 4 << 20;

    /** Reads one layer's tar; whatever it leaves unread is drained by the puller. */
    @FunctionalInterface
    public interface LayerConsumer {
        void layer(Descriptor layer, InputStream tar) throws IOException;
    }

    /** The image's platform, from its config. */
    public record Platform(String os, String architecture) {}

    private final OciClient client;
    private final String repository;

    public ImagePuller(OciClient client, String repository) {
        this.client = client;
        this.repository = repository;
    }

    public ImageManifest manifest(String digest) {
        try {
            return ImageManifest.of(client.manifest(repository, digest));
        } catch (RegistryException e) {
            throw new ScanFailure("pulling the manifest " + repository + "@" + digest + " failed: " + e.getMessage(), e);
        }
    }

    public Platform platform(ImageManifest manifest) {
        try (OciClient.Blob blob = client.openBlob(repository, manifest.config().digest())) {
            byte[] bytes = blob.content().readNBytes(MAX_CONFIG);
            JsonNode config = JSON.readTree(bytes);
            return new Platform(config.path("os").asText("linux"), config.path("architecture").asText(""));
        } catch (RegistryException | IOException e) {
            throw new ScanFailure("reading the image config " + manifest.config().digest() + " failed: " + e.getMessage(), e);
        }
    }

    /** Streams every layer, bottom first; returns the compressed bytes read. */
    public long layers(ImageManifest manifest, LayerConsumer consumer) {
        long bytes = 0;
        for (Descriptor layer : manifest.layers()) {
            bytes += layer(layer, consumer);
        }
        return bytes;
    }

    private long layer(Descriptor layer, LayerConsumer consumer) {
        Digest expected;
        try {
            expected = Digest.parse(layer.digest());
        } catch (RuntimeException e) {
            throw new ScanFailure("layer " + layer.digest() + " has an invalid digest");
        }
        MessageDigest md = expected.algorithm().newMessageDigest();
        try (OciClient.Blob blob = client.openBlob(repository, layer.digest())) {
            HashingInputStream raw = new HashingInputStream(blob.content(), md);
            InputStream tar = LayerStreams.tar(raw);
            consumer.layer(layer, tar);
            tar.transferTo(OutputStream.nullOutputStream()); // the rest of the tar, and the compression's trailer and checksum
            raw.transferTo(OutputStream.nullOutputStream());
            if (!expected.algorithm().of(md).equals(expected)) {
                throw new ScanFailure("layer " + layer.digest() + " does not match its digest");
            }
            return raw.count();
        } catch (ScanFailure e) {
            throw e;
        } catch (RegistryException e) {
            throw new ScanFailure("pulling layer " + layer.digest() + " failed: " + e.getMessage(), e);
        } catch (ZipException | java.io.EOFException e) {
            throw new ScanFailure("layer " + layer.digest() + " is not a readable compressed tar: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new ScanFailure("layer " + layer.digest() + " could not be read: " + e.getMessage(), e);
        }
    }

    /** Hashes and counts every byte that passes; a skip reads through, so that no byte escapes the hash. */
    private static final class HashingInputStream extends FilterInputStream {
        private final MessageDigest md;
        private long count;

        HashingInputStream(InputStream in, MessageDigest md) {
            super(in);
            this.md = md;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                md.update((byte) b);
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                md.update(b, off, n);
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[(int) Math.min(Math.max(n, 0), 64 * 1024)];
            int read = buffer.length == 0 ? 0 : read(buffer, 0, buffer.length);
            return Math.max(read, 0);
        }

        long count() {
            return count;
        }
    }
}

package io.berth.common.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Copies one artifact between registries, byte for byte so that every digest is the same on both
 * sides: an index with all its child manifests, each manifest's config and layers, then the tag.
 * Blobs the destination already has are skipped and, within one registry, mounted; the others are
 * streamed from source to destination without touching disk. Copying twice is harmless.
 */
public class ArtifactCopier {
    private static final int BLOB_ATTEMPTS = 3;
    static final int PARALLEL_BLOBS = 4;

    private final ObjectMapper json = new ObjectMapper();
    private final LongConsumer bytesCopied;
    private final long bytesPerSecond;
    private final int chunkSize;
    private final long started = System.nanoTime();
    private final AtomicLong throttled = new AtomicLong();

    /**
     * @param bytesCopied told of every chunk of blob bytes sent
     * @param bytesPerSecond a bandwidth limit, or 0 for none
     */
    public ArtifactCopier(LongConsumer bytesCopied, long bytesPerSecond) {
        this(bytesCopied, bytesPerSecond, 0);
    }

    /** @param chunkSize when above 0, blobs are uploaded in chunks of this many bytes ({@code copy_by_chunk}) */
    public ArtifactCopier(LongConsumer bytesCopied, long bytesPerSecond, int chunkSize) {
        this.bytesCopied = bytesCopied;
        this.bytesPerSecond = bytesPerSecond;
        this.chunkSize = chunkSize;
    }

    public enum Outcome { COPIED, UNCHANGED, SKIPPED_EXISTING }

    /**
     * Copies {@code source:sourceRepository:reference} to {@code destination:destinationRepository:destinationReference}.
     * Without {@code override}, a destination tag that names another artifact is left alone.
     */
    public Outcome copy(OciClient source, String sourceRepository, String reference, OciClient destination,
            String destinationRepository, String destinationReference, boolean override) {
        Manifest manifest = source.manifest(sourceRepository, reference);
        String existing = destination.manifestDigest(destinationRepository, destinationReference);
        if (manifest.digest().equals(existing)) {
            return Outcome.UNCHANGED;
        }
        if (existing != null && !override) {
            return Outcome.SKIPPED_EXISTING;
        }
        copyContent(source, sourceRepository, manifest, destination, destinationRepository);
        String current = io.berth.common.digest.Digest.looksLikeDigest(reference) ? manifest.digest()
                : source.manifestDigest(sourceRepository, reference);
        if (current != null && !current.equals(manifest.digest())) {
            // the tag moved while we copied: tagging the old artifact now could overwrite a newer copy
            throw new RegistryException(sourceRepository + ":" + reference + " changed during the copy (now " + current + "); copying again",
                    null);
        }
        destination.putManifest(destinationRepository, destinationReference, manifest);
        return Outcome.COPIED;
    }

    /** Everything a manifest refers to: the children of an index (each put by digest), or a manifest's blobs. */
    private void copyContent(OciClient source, String sourceRepository, Manifest manifest, OciClient destination, String destinationRepository) {
        JsonNode document;
        try {
            document = json.readTree(manifest.content());
        } catch (IOException e) {
            throw new RegistryException(422, "manifest " + manifest.digest() + " of " + sourceRepository + " is not JSON");
        }
        if (document.has("manifests")) {
            for (JsonNode child : document.get("manifests")) {
                String digest = child.path("digest").asText();
                if (destination.manifestDigest(destinationRepository, digest) == null) {
                    Manifest childManifest = source.manifest(sourceRepository, digest);
                    copyContent(source, sourceRepository, childManifest, destination, destinationRepository);
                    destination.putManifest(destinationRepository, digest, childManifest);
                }
            }
            return;
        }
        List<String> digests = new ArrayList<>();
        if (document.has("config")) {
            digests.add(document.get("config").path("digest").asText());
        }
        for (JsonNode layer : document.path("layers")) {
            if (!(layer.has("urls") && layer.path("mediaType").asText().contains("foreign"))) { // non-distributable layers stay where their URLs point
                digests.add(layer.path("digest").asText());
            }
        }
        copyBlobs(source, sourceRepository, digests.stream().distinct().toList(), destination, destinationRepository);
    }

    /** Copies blobs {@link #PARALLEL_BLOBS} at a time, as registry clients do: one stream rarely fills the link or the CPUs. */
    private void copyBlobs(OciClient source, String sourceRepository, List<String> digests, OciClient destination, String destinationRepository) {
        if (digests.size() <= 1) {
            digests.forEach(d -> copyBlob(source, sourceRepository, d, destination, destinationRepository));
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL_BLOBS, digests.size()), r -> {
            Thread t = new Thread(r, "blob-copy");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> copies = new ArrayList<>();
            for (String digest : digests) {
                copies.add(pool.submit(() -> copyBlob(source, sourceRepository, digest, destination, destinationRepository)));
            }
            for (Future<?> copy : copies) {
                copy.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new RegistryException("blob copy failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("copy interrupted", e);
        } finally {
            pool.shutdownNow(); // on failure or interruption: the other copies stop too
        }
    }

    private void copyBlob(OciClient source, String sourceRepository, String digest, OciClient destination, String destinationRepository) {
        new Retry(BLOB_ATTEMPTS, destination.retry().backoff()).run("blob " + digest, () -> {
            if (destination.hasBlob(destinationRepository, digest)) {
                return null;
            }
            if (source.endpoint().url().equals(destination.endpoint().url())
                    && destination.mount(destinationRepository, digest, sourceRepository)) {
                return null;
            }
            try (OciClient.Blob blob = source.openBlob(sourceRepository, digest)) {
                if (chunkSize > 0) {
                    destination.pushBlobInChunks(destinationRepository, digest, new Metered(blob.content()), chunkSize);
                } else {
                    destination.pushBlob(destinationRepository, digest, blob.length(), new Metered(blob.content()));
                }
            }
            return null;
        });
    }

    /** Counts the bytes read, and holds all the copy's streams together to the bandwidth limit. */
    private final class Metered extends FilterInputStream {

        Metered(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                bytesCopied.accept(n);
                throttle(throttled.addAndGet(n));
            }
            return n;
        }

        private void throttle(long total) throws IOException {
            if (bytesPerSecond <= 0) {
                return;
            }
            long due = started + total * 1_000_000_000L / bytesPerSecond;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("copy interrupted");
                }
            }
        }
    }
}

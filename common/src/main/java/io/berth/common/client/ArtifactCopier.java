package io.berth.common.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Copies one artifact between registries, byte for byte so that every digest is the same on both
 * sides: an index with all its child manifests, each manifest's config and layers, then the tag.
 * Blobs the destination already has are skipped and, within one registry, mounted; the others are
 * streamed from source to destination without touching disk. Copying twice is harmless.
 */
public class ArtifactCopier {
    private static final int BLOB_ATTEMPTS = 3;

    private final ObjectMapper json = new ObjectMapper();
    private final LongConsumer bytesCopied;
    private final long bytesPerSecond;

    /**
     * @param bytesCopied told of every chunk of blob bytes sent
     * @param bytesPerSecond a bandwidth limit, or 0 for none
     */
    public ArtifactCopier(LongConsumer bytesCopied, long bytesPerSecond) {
        this.bytesCopied = bytesCopied;
        this.bytesPerSecond = bytesPerSecond;
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
        destination.putManifest(destinationRepository, destinationReference, manifest);
        return Outcome.COPIED;
    }

    /** Everything a manifest refers to: the children of an index (each put by digest), or a manifest's blobs. */
    private void copyContent(OciClient source, String sourceRepository, Manifest manifest, OciClient destination, String destinationRepository) {
        JsonNode document;
        try {
            document = json.readTree(manifest.content());
        } catch (IOException e) {
            throw new RegistryException(0, "manifest " + manifest.digest() + " of " + sourceRepository + " is not JSON");
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
        List<JsonNode> blobs = new ArrayList<>();
        if (document.has("config")) {
            blobs.add(document.get("config"));
        }
        document.path("layers").forEach(blobs::add);
        for (JsonNode blob : blobs) {
            if (blob.has("urls") && blob.path("mediaType").asText().contains("foreign")) {
                continue; // non-distributable layers stay where their URLs point
            }
            copyBlob(source, sourceRepository, blob.path("digest").asText(), destination, destinationRepository);
        }
    }

    private void copyBlob(OciClient source, String sourceRepository, String digest, OciClient destination, String destinationRepository) {
        for (int attempt = 1; ; attempt++) {
            try {
                if (destination.hasBlob(destinationRepository, digest)) {
                    return;
                }
                if (source.endpoint().url().equals(destination.endpoint().url())
                        && destination.mount(destinationRepository, digest, sourceRepository)) {
                    return;
                }
                try (OciClient.Blob blob = source.openBlob(sourceRepository, digest)) {
                    destination.pushBlob(destinationRepository, digest, blob.length(), new Metered(blob.content()));
                }
                return;
            } catch (RegistryException e) {
                if (!e.transientFailure() || attempt == BLOB_ATTEMPTS) {
                    throw e;
                }
            } catch (IOException e) {
                if (attempt == BLOB_ATTEMPTS) {
                    throw new RegistryException("blob " + digest + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** Counts the bytes read, and holds reading to the bandwidth limit. */
    private final class Metered extends FilterInputStream {
        private final long started = System.nanoTime();
        private long total;

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
                total += n;
                bytesCopied.accept(n);
                throttle();
            }
            return n;
        }

        private void throttle() throws IOException {
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

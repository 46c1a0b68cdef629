package io.berth.registry.signature;

import io.berth.common.digest.Digest;
import io.berth.common.signature.CosignSignatures;
import io.berth.common.signature.NotationSignatures;
import io.berth.common.signature.SignatureKind;
import io.berth.registry.storage.BlobPaths;
import io.berth.registry.storage.StorageDriver;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a signature manifest is pushed, the keys it verifies under, recorded in {@code registry.signature_key} in the
 * transaction of the push (db/registry V15), for the pull verdict to read as data: a cosign signature (tagged
 * {@code sha256-<hex>.sig}, or a referrer of cosign's artifact type) by the payload of each layer of media type
 * {@link SignatureKind#COSIGN_PAYLOAD} and its annotation {@link SignatureKind#COSIGN_SIGNATURE_ANNOTATION}
 * ({@link CosignSignatures}); a Notation signature (a referrer of Notation's artifact type) by each
 * {@link SignatureKind#NOTATION_JWS} layer ({@link NotationSignatures}). The payload must name the digest the manifest
 * signs (its subject, or the digest in its tag). Layers are read from storage, at most {@link #MAX_LAYERS} of at most
 * {@link #MAX_LAYER_BYTES} each (a payload or envelope is a few KiB); larger ones are not signatures Berth checks.
 */
@ApplicationScoped
public class SignatureRecorder {
    static final int MAX_LAYER_BYTES = 256 << 10;
    static final int MAX_LAYERS = 32;
    private static final Pattern COSIGN_TAG = Pattern.compile("sha256-([0-9a-f]{64})\\.sig");

    private final StorageDriver storage;
    private final Vertx vertx;

    SignatureRecorder(StorageDriver storage, Vertx vertx) {
        this.storage = storage;
        this.vertx = vertx;
    }

    /** A pushed signature: its kind, the digest it signs, and its manifest's layers. */
    record Candidate(SignatureKind kind, String subject, JsonArray layers) {}

    /** The signature a pushed manifest is, or null. */
    static Candidate candidate(byte[] content, String artifactType, String subject, List<String> tags) {
        SignatureKind kind = null;
        String signed = null;
        if (subject != null) {
            kind = SignatureKind.ofArtifactType(artifactType);
            signed = subject;
        } else {
            for (String tag : tags) {
                Matcher m = COSIGN_TAG.matcher(tag);
                if (m.matches()) {
                    kind = SignatureKind.COSIGN;
                    signed = "sha256:" + m.group(1);
                }
            }
        }
        if (kind == null) {
            return null;
        }
        try {
            JsonArray layers = new JsonObject(io.vertx.core.buffer.Buffer.buffer(content)).getJsonArray("layers");
            return layers == null ? null : new Candidate(kind, signed, layers);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Records the keys the manifest (if it is a signature) verifies under; nothing for any other manifest. */
    public Future<Void> record(SqlClient tx, long repositoryId, Digest digest, byte[] content, String artifactType, String subject,
            List<String> tags) {
        Candidate candidate = candidate(content, artifactType, subject, tags);
        if (candidate == null) {
            return Future.succeededFuture();
        }
        return vertx.executeBlocking(() -> verifiedKeys(candidate), false).compose(keys -> {
            if (keys.isEmpty()) {
                return Future.succeededFuture();
            }
            List<Tuple> rows = new ArrayList<>();
            keys.forEach(k -> rows.add(Tuple.of(repositoryId, digest.toString(), candidate.subject(), candidate.kind().id(), k)));
            return tx.preparedQuery("INSERT INTO registry.signature_key (repository_id, signature_digest, subject_digest, kind, "
                    + "key_fingerprint) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING").executeBatch(rows).mapEmpty();
        });
    }

    private Set<String> verifiedKeys(Candidate candidate) throws IOException {
        Set<String> keys = new LinkedHashSet<>();
        int read = 0;
        for (Object o : candidate.layers()) {
            if (!(o instanceof JsonObject layer) || read >= MAX_LAYERS) {
                continue;
            }
            String mediaType = layer.getString("mediaType", "");
            boolean cosign = candidate.kind() == SignatureKind.COSIGN && mediaType.equals(SignatureKind.COSIGN_PAYLOAD);
            boolean notation = candidate.kind() == SignatureKind.NOTATION && mediaType.equals(SignatureKind.NOTATION_JWS);
            long size = layer.getLong("size", -1L);
            if ((!cosign && !notation) || size < 0 || size > MAX_LAYER_BYTES) {
                continue;
            }
            read++;
            byte[] bytes = blob(Digest.parse(layer.getString("digest")), (int) size);
            if (cosign) {
                JsonObject annotations = layer.getJsonObject("annotations", new JsonObject());
                keys.addAll(CosignSignatures.verifiedKeys(bytes, annotations.getString(SignatureKind.COSIGN_SIGNATURE_ANNOTATION),
                        candidate.subject()));
            } else {
                keys.addAll(NotationSignatures.verifiedCertificates(bytes, candidate.subject()));
            }
        }
        return keys;
    }

    private byte[] blob(Digest digest, int size) throws IOException {
        try (InputStream in = storage.reader(BlobPaths.blob(digest), 0)) {
            return in.readNBytes(size);
        }
    }
}

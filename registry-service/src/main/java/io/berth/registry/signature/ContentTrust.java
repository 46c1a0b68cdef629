package io.berth.registry.signature;

import io.berth.common.error.OciErrorCode;
import io.berth.common.error.OciException;
import io.berth.common.oci.RepositoryName;
import io.berth.common.signature.SignatureKind;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Harbor's content trust on pulls: a project with {@code enable_content_trust_cosign} (or {@code enable_content_trust},
 * for Notation) serves an image only if it carries a cosign (Notation) signature; otherwise the manifest GET/HEAD is
 * refused with 412 {@code PROJECTPOLICYVIOLATION} and Harbor's message. Beyond Harbor, when the project holds trusted
 * keys of that kind, the signature must verify under one of them ({@link SignatureRecorder} computed under which keys
 * when it was pushed). Accessories (signatures themselves, SBOMs) and the images of a signed index stay pullable.
 *
 * <p>The verdict is data, not a call: the policy is core's {@code core.content_trust_view} (db/core V27), the
 * signatures are rows here (db/registry V15's functions), and both are read by the one query that finds the manifest
 * ({@link #column}). Until core is migrated to V27 the view does not exist, and no project can require a signature
 * either (core refused the switches before): the query then runs without it, trying the view again after a few seconds.
 */
@ApplicationScoped
public class ContentTrust {
    /** How long a query goes without the view once it was found missing. */
    static final long RETRY_VIEW_AFTER_MILLIS = 5_000;

    private volatile long viewAbsentUntil;

    /**
     * The select-list column giving the kind of signature the manifest {@code m} of repository {@code r} lacks under
     * its project's policy ({@code cosign}, {@code notation}), or null.
     */
    public String column() {
        if (System.currentTimeMillis() < viewAbsentUntil) {
            return "NULL::text";
        }
        return "(SELECT registry.pull_verdict(m.repository_id, m.digest, m.subject_digest, ct.cosign, ct.notation, ct.cosign_keys, "
                + "ct.notation_keys) FROM core.content_trust_view ct WHERE ct.project = r.project)";
    }

    /** Whether {@code failure} says core's view is missing; if so, queries leave it out for a while. */
    public boolean viewMissing(Throwable failure) {
        if (failure instanceof PgException pg && "42P01".equals(pg.getSqlState()) && String.valueOf(pg.getErrorMessage()).contains("content_trust_view")) {
            viewAbsentUntil = System.currentTimeMillis() + RETRY_VIEW_AFTER_MILLIS;
            return true;
        }
        return false;
    }

    /**
     * The refusal of a pull of an image the verdict ({@code db/registry V15 pull_verdict}) refuses: without a signature of
     * the kind, Harbor's status, code and message; with signatures none of which verifies under the project's trusted keys
     * ({@code cosign-key}, {@code notation-key}), Berth's message saying so.
     */
    public static OciException refusal(RepositoryName repository, String digest, String verdict) {
        boolean keyed = verdict.endsWith("-key");
        SignatureKind kind = SignatureKind.of(keyed ? verdict.substring(0, verdict.length() - 4) : verdict);
        String tool = kind == SignatureKind.COSIGN ? "Cosign" : "Notary";
        String message = keyed ? "The image is not signed in " + (kind == SignatureKind.COSIGN ? "Cosign" : "Notation") + " by a key trusted by project "
                + repository.project() + "." : "The image is not signed in " + tool + ".";
        return new OciException(OciErrorCode.PROJECTPOLICYVIOLATION, message,
                Map.of("policy", kind.policy(), "signature", kind.id(), "trusted_keys", keyed, "name", repository.value(), "digest", digest));
    }
}

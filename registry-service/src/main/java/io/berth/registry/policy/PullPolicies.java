package io.berth.registry.policy;

import io.berth.common.error.OciErrorCode;
import io.berth.common.error.OciException;
import io.berth.common.media.MediaTypes;
import io.berth.common.scan.ScannerPull;
import io.berth.registry.auth.Access;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Project pull policies on manifest GET, read as data in the query that finds the manifest: core's documented
 * {@code core.pull_policy_view} (the projects with {@code prevent_vul} on, and the refusal of an unscanned image) and
 * {@code core.pull_verdict_view} (core's verdict on each scanned image, db/core V20). No call to core: core recomputes the
 * verdicts when a report is stored or an allowlist or a project's settings change.
 *
 * <p>What Harbor's vulnerability middleware does, as data: an image manifest (OCI or Docker, with an image config) of a
 * guarded project is refused with its verdict's reason, or, without a verdict (never scanned), with the unscanned refusal;
 * an index, or an artifact that is not an image (a signature, an SBOM), passes (its images are checked when they are pulled).
 * The scanner's own pulls ({@link ScannerPull#SUBJECT}) are exempt. A HEAD is answered, as by Harbor (whose middleware
 * guards GET only): it sends no content, and clients that resolve a tag with HEAD (containerd) then get the refusal,
 * with its message, on the GET.
 */
@ApplicationScoped
public class PullPolicies {
    private volatile boolean viewsPresent;

    /** The column with the refusal of the manifest {@code m} of repository {@code r}, or NULL. */
    public String refusalColumn(boolean present) {
        if (!present) {
            return "NULL::text";
        }
        return "CASE WHEN pp.project IS NULL THEN NULL WHEN pv.digest IS NOT NULL THEN pv.reason "
                + "WHEN m.media_type IN ('" + MediaTypes.OCI_MANIFEST + "', '" + MediaTypes.DOCKER_MANIFEST + "') "
                + "AND m.artifact_type IN ('" + MediaTypes.OCI_CONFIG + "', '" + MediaTypes.DOCKER_CONFIG + "') THEN pp.unscanned_reason END";
    }

    /** The joins {@link #refusalColumn} reads: each by primary key or unique name. */
    public String joins(boolean present) {
        if (!present) {
            return "";
        }
        return "LEFT JOIN core.pull_policy_view pp ON pp.project = split_part(r.name, '/', 1) AND pp.policy = 'prevent_vul' "
                + "LEFT JOIN core.pull_verdict_view pv ON pv.project = pp.project AND pv.digest = m.digest AND pv.policy = pp.policy ";
    }

    /** Whether core's views exist (core migrated); asked until they do, then remembered. */
    public Future<Boolean> present(SqlClient db) {
        if (viewsPresent) {
            return Future.succeededFuture(true);
        }
        return db.query("SELECT to_regclass('core.pull_verdict_view') IS NOT NULL AND to_regclass('core.pull_policy_view') IS NOT NULL")
                .execute().map(rows -> {
                    boolean found = rows.iterator().next().getBoolean(0);
                    viewsPresent = found;
                    return found;
                });
    }

    /** Whether the caller is the scanner pulling an image to scan it (exempt from pull policies, as in Harbor). */
    public static boolean byScanner(Access access) {
        return access != null && ScannerPull.SUBJECT.equals(access.subject());
    }

    /** The refusal to send for {@code refusal} (null: none), or null when the pull passes or the caller is the scanner. */
    public static OciException refusal(String refusal, Access access) {
        if (refusal == null || byScanner(access)) {
            return null;
        }
        return new OciException(OciErrorCode.PROJECTPOLICYVIOLATION, refusal);
    }
}

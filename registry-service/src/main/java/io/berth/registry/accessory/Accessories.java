package io.berth.registry.accessory;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The accessories of a manifest, which go with it when it is deleted (as Harbor deletes an artifact's accessories with
 * it): the manifests whose OCI {@code subject} it is (signatures, SBOMs, attestations pushed as referrers), the manifest
 * cosign's tag scheme names after it ({@code sha256-<hex>.sig}, {@code .att}, {@code .sbom}), and theirs in turn.
 */
@ApplicationScoped
public class Accessories {
    /** The tags cosign's tag scheme gives the accessories of {@code digest}. */
    public static List<String> cosignTags(String digest) {
        String base = digest.replace(':', '-');
        return List.of(base + ".sig", base + ".att", base + ".sbom");
    }

    /** An accessory: its digest, media type, total size and tags. */
    public record Accessory(String digest, String mediaType, long totalSize, List<String> tags) {}

    /**
     * The accessories of {@code digest} in the repository, level by level, each level's rows locked ({@code FOR UPDATE})
     * before the next is read: a referrer push locks its subject {@code FOR KEY SHARE}, so none attaches to a locked level
     * meanwhile.
     */
    public Future<List<Accessory>> closure(SqlClient tx, long repositoryId, String digest) {
        Map<String, Accessory> all = new LinkedHashMap<>();
        return level(tx, repositoryId, List.of(digest), all, digest).map(v -> List.copyOf(all.values()));
    }

    private Future<Void> level(SqlClient tx, long repositoryId, List<String> subjects, Map<String, Accessory> found, String root) {
        List<String> tags = new ArrayList<>();
        subjects.forEach(s -> tags.addAll(cosignTags(s)));
        return tx.preparedQuery("SELECT m.digest, m.media_type, m.total_size, "
                        + "ARRAY(SELECT t.name FROM registry.tag t WHERE t.repository_id = m.repository_id AND t.manifest_digest = m.digest "
                        + "ORDER BY t.name) FROM registry.manifest m WHERE m.repository_id = $1 AND (m.subject_digest = ANY($2) "
                        + "OR m.digest IN (SELECT t.manifest_digest FROM registry.tag t WHERE t.repository_id = $1 AND t.name = ANY($3))) "
                        + "ORDER BY m.digest FOR UPDATE OF m")
                .execute(Tuple.tuple().addLong(repositoryId).addArrayOfString(subjects.toArray(String[]::new))
                        .addArrayOfString(tags.toArray(String[]::new))).compose(rows -> {
                    List<String> next = new ArrayList<>();
                    for (Row row : rows) {
                        String d = row.getString(0);
                        if (!d.equals(root) && !found.containsKey(d)) {
                            found.put(d, new Accessory(d, row.getString(1), row.getLong(2), List.of(row.getArrayOfStrings(3))));
                            next.add(d);
                        }
                    }
                    return next.isEmpty() ? Future.succeededFuture() : level(tx, repositoryId, next, found, root);
                });
    }
}

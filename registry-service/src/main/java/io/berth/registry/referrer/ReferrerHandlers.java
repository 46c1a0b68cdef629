package io.berth.registry.referrer;

import io.berth.common.digest.Digest;
import io.berth.common.media.MediaTypes;
import io.berth.common.oci.RepositoryName;
import io.berth.registry.api.RegistryHeaders;
import io.berth.registry.auth.Authorizer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import static io.berth.registry.api.Guard.guarded;

import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code GET /v2/<name>/referrers/<digest>[?artifactType=]} (OCI 1.1): an image index of the
 * manifests whose {@code subject} is that digest, found through an index on subject.
 */
@ApplicationScoped
public class ReferrerHandlers {
    private final Pool db;

    ReferrerHandlers(Pool db) {
        this.db = db;
    }

    public void list(RoutingContext rc) {
        RepositoryName repository = Authorizer.repositoryOf(rc);
        Digest subject = Digest.parse(rc.pathParam("digest"));
        String artifactType = rc.request().getParam("artifactType");
        String sql = "SELECT m.digest, m.media_type, m.artifact_type, octet_length(m.content), m.annotations "
                + "FROM registry.manifest m JOIN registry.repository r ON r.id = m.repository_id "
                + "WHERE r.name = $1 AND m.subject_digest = $2" + (artifactType == null ? "" : " AND m.artifact_type = $3")
                + " ORDER BY m.pushed_at, m.digest";
        Tuple params = artifactType == null ? Tuple.of(repository.value(), subject.toString())
                : Tuple.of(repository.value(), subject.toString(), artifactType);
        db.preparedQuery(sql).execute(params).onSuccess(guarded(rc, rows -> {
            JsonArray manifests = new JsonArray();
            for (Row row : rows) {
                JsonObject d = new JsonObject().put("mediaType", row.getString(1)).put("digest", row.getString(0))
                        .put("size", row.getInteger(3));
                if (row.getString(2) != null) {
                    d.put("artifactType", row.getString(2));
                }
                Object annotations = row.getValue(4);
                if (annotations instanceof JsonObject a) {
                    d.put("annotations", a);
                }
                manifests.add(d);
            }
            if (artifactType != null) {
                rc.response().putHeader(RegistryHeaders.OCI_FILTERS_APPLIED, "artifactType");
            }
            rc.response().putHeader("Content-Type", MediaTypes.OCI_INDEX)
                    .end(new JsonObject().put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_INDEX)
                            .put("manifests", manifests).encode());
        })).onFailure(rc::fail);
    }
}

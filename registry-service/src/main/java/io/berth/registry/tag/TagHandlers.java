package io.berth.registry.tag;

import io.berth.common.error.OciErrorCode;
import io.berth.common.error.OciException;
import io.berth.common.oci.RepositoryName;
import io.berth.registry.api.Pagination;
import io.berth.registry.auth.Authorizer;
import io.berth.registry.repository.Repositories;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import static io.berth.registry.api.Guard.guarded;

import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v2/<name>/tags/list?n=&last=}: a page of tags in the spec's case-insensitive order (then byte
 * order, for tags that differ only in case), read from the {@code tag_list_order} index.
 */
@ApplicationScoped
public class TagHandlers {
    private final Pool db;
    private final Repositories repositories;

    TagHandlers(Pool db, Repositories repositories) {
        this.db = db;
        this.repositories = repositories;
    }

    public void list(RoutingContext rc) {
        RepositoryName repository = Authorizer.repositoryOf(rc);
        Pagination page = Pagination.of(rc);
        repositories.idOf(db, repository.value()).compose(id -> {
            if (id == null) {
                return Future.failedFuture(new OciException(OciErrorCode.NAME_UNKNOWN, "repository name not known to registry",
                        Map.of("name", repository.value())));
            }
            return db.preparedQuery("SELECT name FROM registry.tag WHERE repository_id = $1"
                            + " AND (lower(name), name) > (lower($2 COLLATE \"C\"), $2 COLLATE \"C\")"
                            + " ORDER BY lower(name), name LIMIT $3")
                    .execute(Tuple.of(id, page.last(), page.n() + 1));
        }).onSuccess(guarded(rc, rows -> {
            List<String> tags = new ArrayList<>();
            rows.forEach(r -> tags.add(r.getString(0)));
            boolean more = tags.size() > page.n();
            List<String> shown = more ? tags.subList(0, page.n()) : tags;
            page.link(rc, "/v2/" + repository + "/tags/list", shown, more);
            rc.response().putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("name", repository.value()).put("tags", new JsonArray(shown)).encode());
        })).onFailure(rc::fail);
    }
}

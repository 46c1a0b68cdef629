package io.berth.registry.catalog;

import io.berth.registry.api.Pagination;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import static io.berth.registry.api.Guard.guarded;

import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** {@code GET /v2/_catalog?n=&last=}: repositories that hold at least one manifest, a page at a time. */
@ApplicationScoped
public class CatalogHandlers {
    private final Pool db;

    CatalogHandlers(Pool db) {
        this.db = db;
    }

    public void list(RoutingContext rc) {
        Pagination page = Pagination.of(rc);
        db.preparedQuery("SELECT name FROM registry.repository r WHERE name > $1 "
                        + "AND EXISTS (SELECT 1 FROM registry.manifest m WHERE m.repository_id = r.id) ORDER BY name LIMIT $2")
                .execute(Tuple.of(page.last(), page.n() + 1))
                .onSuccess(guarded(rc, rows -> {
                    List<String> names = new ArrayList<>();
                    rows.forEach(r -> names.add(r.getString(0)));
                    boolean more = names.size() > page.n();
                    List<String> shown = more ? names.subList(0, page.n()) : names;
                    page.link(rc, "/v2/_catalog", shown, more);
                    rc.response().putHeader("Content-Type", "application/json")
                            .end(new JsonObject().put("repositories", new JsonArray(shown)).encode());
                })).onFailure(rc::fail);
    }
}

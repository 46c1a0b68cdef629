package io.berth.registry.repository;

import io.berth.common.oci.RepositoryName;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Repository rows: created on first content, looked up by name. */
@ApplicationScoped
public class Repositories {

    /** The repository's id, or null if it has never held content. */
    public Future<Long> idOf(SqlClient db, String name) {
        return db.preparedQuery("SELECT id FROM registry.repository WHERE name = $1").execute(Tuple.of(name))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getLong(0) : null);
    }

    /** The repository's id, creating the row if needed, without locking an existing one. */
    public Future<Long> ensure(SqlClient db, RepositoryName name) {
        return db.preparedQuery("INSERT INTO registry.repository (name, project) VALUES ($1, $2) "
                        + "ON CONFLICT (name) DO NOTHING RETURNING id")
                .execute(Tuple.of(name.value(), name.project()))
                .compose(rows -> {
                    for (Row row : rows) {
                        return Future.succeededFuture(row.getLong(0));
                    }
                    return idOf(db, name.value());
                });
    }
}

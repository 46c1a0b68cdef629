package io.berth.registry.event;

import io.berth.common.event.RegistryEvent;
import io.berth.common.event.RegistryEventCodec;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Writes events into the outbox table, in the caller's transaction; {@link OutboxRelay} sends them on. */
@ApplicationScoped
public class Outbox {
    private static final String INSERT = "INSERT INTO registry.outbox (type, payload) VALUES ";

    public Future<Void> add(SqlClient tx, RegistryEvent event) {
        return tx.preparedQuery(INSERT + "($1, $2)")
                .execute(Tuple.of(event.type().name(), new JsonObject(serialize(event)))).mapEmpty();
    }

    /** The same over JDBC, in the connection's transaction (garbage collection's deletions). */
    public void add(Connection c, RegistryEvent event) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(INSERT + "(?, ?::jsonb)")) {
            insert.setString(1, event.type().name());
            insert.setString(2, serialize(event));
            insert.executeUpdate();
        }
    }

    /** The same over JDBC, many at once, in the connection's transaction. */
    void addAll(Connection c, List<EventStream.Entry> entries) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(INSERT + "(?, ?::jsonb)")) {
            for (EventStream.Entry e : entries) {
                insert.setString(1, e.type());
                insert.setString(2, e.json());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    String serialize(RegistryEvent event) {
        return RegistryEventCodec.encode(event);
    }
}

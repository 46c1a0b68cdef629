package io.berth.registry.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.event.RegistryEvent;
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

    private final ObjectMapper json;

    Outbox(ObjectMapper json) {
        this.json = json;
    }

    public Future<Void> add(SqlClient tx, RegistryEvent event) {
        return tx.preparedQuery(INSERT + "($1, $2)")
                .execute(Tuple.of(event.type().name(), new JsonObject(serialize(event)))).mapEmpty();
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
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

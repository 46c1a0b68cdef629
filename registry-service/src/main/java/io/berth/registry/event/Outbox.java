package io.berth.registry.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.event.RegistryEvent;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Writes events into the outbox table, in the caller's transaction; {@link OutboxRelay} sends them on. */
@ApplicationScoped
public class Outbox {
    private final ObjectMapper json;

    Outbox(ObjectMapper json) {
        this.json = json;
    }

    public Future<Void> add(SqlClient tx, RegistryEvent event) {
        return tx.preparedQuery("INSERT INTO registry.outbox (type, payload) VALUES ($1, $2)")
                .execute(Tuple.of(event.type().name(), new JsonObject(serialize(event)))).mapEmpty();
    }

    String serialize(RegistryEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.berth.core.label;

import io.agroal.api.AgroalDataSource;
import io.berth.core.event.RegistryEventGroup;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Takes the labels off an artifact once registry-service has deleted it (consumer group
 * {@code core-labels}): the same digest pushed again later starts without labels, as in Harbor.
 * A deleted tag leaves the artifact, and its labels, in place.
 */
@Singleton
public class LabelCleanup extends RegistryEventGroup {
    private final AgroalDataSource db;

    LabelCleanup(RedisDataSource redis, AgroalDataSource db) {
        super(redis, "core-labels", true); // deletions from before labels existed took no label with them
        this.db = db;
    }

    @Override
    protected void handle(List<JsonObject> events) {
        try (Connection c = db.getConnection(); PreparedStatement delete = c.prepareStatement(
                "DELETE FROM core.artifact_label WHERE repository = ? AND digest = ? "
                        + "AND NOT EXISTS (SELECT 1 FROM registry.artifact_view a WHERE a.repository = ? AND a.digest = ?)")) {
            for (JsonObject e : events) {
                if ("DELETE_ARTIFACT".equals(e.getString("type"))) {
                    delete.setString(1, e.getString("repository"));
                    delete.setString(2, e.getString("digest"));
                    delete.setString(3, e.getString("repository"));
                    delete.setString(4, e.getString("digest"));
                    delete.addBatch();
                }
            }
            delete.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take labels off deleted artifacts: " + e.getMessage(), e);
        }
    }
}

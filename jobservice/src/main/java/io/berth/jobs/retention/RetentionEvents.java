package io.berth.jobs.retention;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.berth.common.event.RegistryEvent;
import io.berth.common.event.RegistryEventCodec;
import io.berth.common.job.RetentionRequest;
import io.berth.jobs.dispatch.ExecutionEnded;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The {@code TAG_RETENTION} event of a retention run that ended (dry runs excepted), appended to the registry event
 * stream that core's webhooks read: the run's totals and result, and the artifacts it deleted (as the tasks' reports
 * list them), in the event's {@code details}. Sent at least once: {@link io.berth.jobs.dispatch.ExecutionEndRelay}
 * fires the end until this observer returns; a failure to reach Redis or the database is thrown, and the relay tries
 * again on its next tick.
 */
@ApplicationScoped
public class RetentionEvents {
    private static final Map<String, String> RESULT = Map.of("Success", "SUCCESS", "Error", "FAILED", "Stopped", "STOPPED");

    private final AgroalDataSource db;
    private final ObjectMapper json;
    private final StreamCommands<String, String, String> streams;

    RetentionEvents(AgroalDataSource db, ObjectMapper json, RedisDataSource redis) {
        this.db = db;
        this.json = json;
        this.streams = redis.stream(String.class, String.class, String.class);
    }

    void ended(@Observes ExecutionEnded execution) {
        if (!RetentionRequest.KIND.equals(execution.vendorType())) {
            return;
        }
        try {
            RegistryEvent event = event(execution);
            if (event != null) {
                streams.xadd(RegistryEvent.STREAM, Map.of("type", event.type().name(), RegistryEventCodec.FIELD, RegistryEventCodec.encode(event)));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("the TAG_RETENTION event of retention execution " + execution.id() + " could not be read: "
                    + e.getMessage(), e);
        }
    }

    /** The event of a run that was not a dry run; null for a dry run. */
    RegistryEvent event(ExecutionEnded execution) throws java.sql.SQLException {
        ObjectNode details = json.createObjectNode();
        String project;
        String trigger;
        try (Connection c = db.getConnection()) {
            try (PreparedStatement st = c.prepareStatement("SELECT extra_attrs::text, trigger FROM jobs.execution WHERE id = ?")) {
                st.setLong(1, execution.id());
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    JsonNode attrs = read(rs.getString(1));
                    if (attrs.path("dry_run").asBoolean(false)) {
                        return null;
                    }
                    project = attrs.path("project").asText();
                    trigger = rs.getString(2);
                }
            }
            long total = 0;
            long retained = 0;
            ArrayNode deleted = details.putArray("deleted_artifact");
            try (PreparedStatement st = c.prepareStatement("SELECT report::text FROM jobs.task WHERE execution_id = ? ORDER BY id")) {
                st.setLong(1, execution.id());
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        JsonNode report = read(rs.getString(1));
                        total += report.path("total").asLong();
                        retained += report.path("retained").asLong();
                        report.path(RetentionRunner.DELETED).forEach(name -> deleted.add(artifact(name.asText())));
                    }
                }
            }
            details.put("retention_policy_id", execution.vendorId()).put("execution_id", execution.id())
                    .put("result", RESULT.getOrDefault(execution.status(), execution.status())).put("total", total).put("retained", retained);
        }
        return new RegistryEvent("retention-execution-" + execution.id(), RegistryEvent.Type.TAG_RETENTION, "", project, "", List.of(), "", 0, trigger,
                Instant.now(), "", details.toString());
    }

    /** Harbor's deleted_artifact of {@code <repository>:<tag>} or {@code <repository>@<digest>}. */
    private ObjectNode artifact(String name) {
        int at = name.indexOf('@');
        int colon = at >= 0 ? -1 : name.lastIndexOf(':');
        return json.createObjectNode().put("type", "image").put("name", at >= 0 ? name.substring(0, at) : name.substring(0, colon))
                .put("tag", at >= 0 ? name.substring(at + 1) : name.substring(colon + 1)).put("status", "SUCCESS");
    }

    private JsonNode read(String text) {
        try {
            return text == null ? json.createObjectNode() : json.readTree(text);
        } catch (java.io.IOException e) {
            return json.createObjectNode();
        }
    }
}

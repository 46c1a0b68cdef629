package io.berth.common.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.berth.common.event.RegistryEvent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bodies Harbor's webhooks send, rendered once by core so that every retry sends the same bytes:
 * <ul>
 * <li>{@code Default}: {@code {"type", "occur_at" (epoch seconds), "operator", "event_data"}};</li>
 * <li>{@code CloudEvents}: CloudEvents 1.0 structured JSON ({@code specversion}, {@code id} = the event id,
 * {@code requestid}, {@code source} = {@code /projects/<id>/webhook/policies/<id>}, {@code type} such as
 * {@code harbor.artifact.pushed}, {@code datacontenttype}, {@code time}, {@code data} = the event data,
 * {@code operator}), sent as {@code application/cloudevents+json};</li>
 * <li>{@code Slack}: Harbor's Slack blocks (a title, the event type, the time, the operator and the event data
 * as an indented JSON code block).</li>
 * </ul>
 */
public final class WebhookPayloads {
    public static final String DEFAULT = "Default";
    public static final String CLOUD_EVENTS = "CloudEvents";
    public static final String SLACK = "Slack";
    public static final List<String> FORMATS = List.of(DEFAULT, CLOUD_EVENTS, SLACK);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper INDENTED = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The event types Berth emits, with their CloudEvents type as Harbor names it. */
    private static final Map<String, String> CLOUD_EVENT_TYPES = Map.of(
            "PUSH_ARTIFACT", "harbor.artifact.pushed",
            "PULL_ARTIFACT", "harbor.artifact.pulled",
            "DELETE_ARTIFACT", "harbor.artifact.deleted",
            "REPLICATION", "harbor.replication.status.changed",
            "QUOTA_EXCEED", "harbor.quota.exceed",
            "QUOTA_WARNING", "harbor.quota.warning",
            "SCANNING_COMPLETED", "harbor.scan.completed",
            "SCANNING_FAILED", "harbor.scan.failed",
            "SCANNING_STOPPED", "harbor.scan.stopped");

    private WebhookPayloads() {}

    /**
     * One event as a policy sees it: its type, when, by whom, Harbor's {@code event_data}, the stable event id, and
     * the ids of the project and policy (CloudEvents' {@code source}).
     */
    public record Notification(String type, Instant occurAt, String operator, Map<String, Object> eventData, String eventId,
            long projectId, long policyId) {}

    /** A rendered body and the content type to send it with. */
    public record Body(String contentType, String text) {}

    /**
     * Harbor's {@code event_data} of an artifact event: {@code resources} (one per tag, or one by digest when
     * untagged: {@code digest}, {@code tag}, {@code resource_url} as {@code <registry host>/<repository>:<tag>}) and
     * {@code repository} ({@code name} within the project, {@code namespace} = the project, {@code repo_full_name},
     * {@code repo_type} public or private).
     */
    public static Map<String, Object> artifactEventData(RegistryEvent e, String registryHost, boolean publicProject) {
        List<Map<String, Object>> resources = new ArrayList<>();
        String base = registryHost + "/" + e.repository();
        if (e.tags() == null || e.tags().isEmpty()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("digest", e.digest());
            r.put("resource_url", base + "@" + e.digest());
            resources.add(r);
        } else {
            for (String tag : e.tags()) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("digest", e.digest());
                r.put("tag", tag);
                r.put("resource_url", base + ":" + tag);
                resources.add(r);
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("resources", resources);
        data.put("repository", repository(e.repository(), e.project(), publicProject));
        return data;
    }

    /**
     * Harbor's {@code event_data} of a {@code SCANNING_*} event: one resource ({@code digest}, {@code tag} when the scan
     * named one, {@code resource_url}, and {@code scan_overview}: the report's overview keyed by its MIME type) and
     * {@code repository} as in {@link #artifactEventData}.
     */
    public static Map<String, Object> scanEventData(String repository, String project, String digest, String tag, String registryHost,
            boolean publicProject, String reportMimeType, Map<String, Object> overview) {
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("digest", digest);
        String base = registryHost + "/" + repository;
        if (tag != null && !tag.isEmpty()) {
            resource.put("tag", tag);
            resource.put("resource_url", base + ":" + tag);
        } else {
            resource.put("resource_url", base + "@" + digest);
        }
        resource.put("scan_overview", Map.of(reportMimeType, overview));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("resources", List.of(resource));
        data.put("repository", repository(repository, project, publicProject));
        return data;
    }

    private static Map<String, Object> repository(String fullName, String project, boolean publicProject) {
        Map<String, Object> repository = new LinkedHashMap<>();
        repository.put("name", fullName.startsWith(project + "/") ? fullName.substring(project.length() + 1) : fullName);
        repository.put("namespace", project);
        repository.put("repo_full_name", fullName);
        repository.put("repo_type", publicProject ? "public" : "private");
        return repository;
    }

    /**
     * Harbor's {@code event_data} of a {@code TAG_RETENTION} event: {@code retention} with {@code total},
     * {@code retained}, {@code hostname}, {@code project_name}, {@code retention_policy_id}, {@code result}
     * ({@code SUCCESS}, {@code FAILED}, {@code STOPPED}) and {@code deleted_artifact} ({@code type}, {@code name},
     * {@code tag}, {@code status} each), from the event's {@code details} as jobservice wrote them.
     */
    public static Map<String, Object> retentionEventData(RegistryEvent e, String registryHost) {
        Map<String, Object> retention = new LinkedHashMap<>();
        try {
            JsonNode d = JSON.readTree(e.details() == null ? "{}" : e.details());
            retention.put("total", d.path("total").asLong());
            retention.put("retained", d.path("retained").asLong());
            retention.put("hostname", registryHost);
            retention.put("project_name", e.project());
            retention.put("retention_policy_id", d.path("retention_policy_id").asLong());
            retention.put("result", d.path("result").asText());
            List<Map<String, Object>> deleted = new ArrayList<>();
            d.path("deleted_artifact").forEach(a -> {
                Map<String, Object> artifact = new LinkedHashMap<>();
                artifact.put("type", a.path("type").asText());
                artifact.put("name", a.path("name").asText());
                artifact.put("tag", a.path("tag").asText());
                artifact.put("status", a.path("status").asText());
                deleted.add(artifact);
            });
            retention.put("deleted_artifact", deleted);
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("a TAG_RETENTION event whose details are not JSON: " + e.details(), ex);
        }
        return Map.of("retention", retention);
    }

    /** One side of a replication as Harbor's {@code src_resource}/{@code dest_resource} name it ({@code registryName} null: this Berth). */
    public record ReplicationResource(String registryName, String registryType, String endpoint, String namespace) {}

    /** An artifact a replication execution copied (or failed to): Harbor's {@code type}, {@code status}, {@code name_tag}. */
    public record ReplicatedArtifact(String type, String status, String nameTag) {}

    /** What Harbor's {@code REPLICATION} event reports of a replication's execution and its policy. */
    public record Replication(String harborHostname, String jobStatus, String description, String policyCreator, String artifactType,
            String authenticationType, boolean overrideMode, String triggerType, long executionTimestamp, ReplicationResource src,
            ReplicationResource dest, List<ReplicatedArtifact> successful, List<ReplicatedArtifact> failed) {}

    /**
     * Harbor's {@code event_data} of a {@code REPLICATION} event: {@code replication} with {@code harbor_hostname},
     * {@code job_status}, {@code description}, {@code policy_creator}, {@code artifact_type}, {@code authentication_type},
     * {@code override_mode}, {@code trigger_type}, {@code execution_timestamp} (epoch seconds), {@code src_resource} and
     * {@code dest_resource} ({@code registry_name} only for the remote side, {@code registry_type}, {@code endpoint},
     * {@code namespace}), and {@code successful_artifact} / {@code failed_artifact} when not empty.
     */
    public static Map<String, Object> replicationEventData(Replication r) {
        Map<String, Object> replication = new LinkedHashMap<>();
        replication.put("harbor_hostname", r.harborHostname());
        replication.put("job_status", r.jobStatus());
        replication.put("description", r.description() == null ? "" : r.description());
        replication.put("policy_creator", r.policyCreator() == null ? "" : r.policyCreator());
        replication.put("artifact_type", r.artifactType());
        replication.put("authentication_type", r.authenticationType());
        replication.put("override_mode", r.overrideMode());
        replication.put("trigger_type", r.triggerType());
        replication.put("execution_timestamp", r.executionTimestamp());
        replication.put("src_resource", resource(r.src()));
        replication.put("dest_resource", resource(r.dest()));
        if (!r.successful().isEmpty()) {
            replication.put("successful_artifact", r.successful().stream().map(WebhookPayloads::artifact).toList());
        }
        if (!r.failed().isEmpty()) {
            replication.put("failed_artifact", r.failed().stream().map(WebhookPayloads::artifact).toList());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("replication", replication);
        return data;
    }

    private static Map<String, Object> resource(ReplicationResource r) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (r.registryName() != null) {
            m.put("registry_name", r.registryName());
        }
        m.put("registry_type", r.registryType());
        m.put("endpoint", r.endpoint());
        m.put("namespace", r.namespace());
        return m;
    }

    private static Map<String, Object> artifact(ReplicatedArtifact a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", a.type());
        m.put("status", a.status());
        m.put("name_tag", a.nameTag());
        return m;
    }

    /** The body of {@code n} in {@code format} ({@link #FORMATS}). */
    public static Body render(String format, Notification n) {
        return switch (format) {
            case DEFAULT -> new Body("application/json", write(JSON, harbor(n)));
            case CLOUD_EVENTS -> new Body("application/cloudevents+json", write(JSON, cloudEvent(n)));
            case SLACK -> new Body("application/json", write(JSON, slack(n)));
            default -> throw new IllegalArgumentException("unknown payload_format '" + format + "': one of " + FORMATS);
        };
    }

    private static Map<String, Object> harbor(Notification n) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", n.type());
        body.put("occur_at", n.occurAt().getEpochSecond());
        body.put("operator", n.operator() == null ? "" : n.operator());
        body.put("event_data", n.eventData());
        return body;
    }

    private static Map<String, Object> cloudEvent(Notification n) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("specversion", "1.0");
        body.put("requestid", n.eventId());
        body.put("id", n.eventId());
        body.put("source", "/projects/" + n.projectId() + "/webhook/policies/" + n.policyId());
        body.put("type", CLOUD_EVENT_TYPES.getOrDefault(n.type(), "harbor." + n.type().toLowerCase()));
        body.put("datacontenttype", "application/json");
        body.put("time", n.occurAt().truncatedTo(ChronoUnit.SECONDS).toString());
        body.put("data", n.eventData());
        body.put("operator", n.operator() == null ? "" : n.operator());
        return body;
    }

    private static Map<String, Object> slack(Notification n) {
        long at = n.occurAt().getEpochSecond();
        return Map.of("blocks", List.of(
                section("*Harbor webhook events*"),
                section("*event_type:* " + n.type()),
                section("*occur_at:* <!date^" + at + "^{date} at {time}|" + n.occurAt().truncatedTo(ChronoUnit.SECONDS) + ">"),
                section("*operator:* " + (n.operator() == null ? "" : n.operator())),
                section("*event_data:*"),
                section("```" + write(INDENTED, n.eventData()) + "```")));
    }

    private static Map<String, Object> section(String markdown) {
        Map<String, Object> text = new LinkedHashMap<>();
        text.put("type", "mrkdwn");
        text.put("text", markdown);
        Map<String, Object> block = new LinkedHashMap<>();
        block.put("type", "section");
        block.put("text", text);
        return block;
    }

    private static String write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data that is not JSON: " + e.getMessage(), e);
        }
    }
}

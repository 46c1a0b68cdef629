package io.berth.core.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.config.DeploymentConfig;
import io.berth.common.event.ExecutionEvent;
import io.berth.common.job.WebhookRequest;
import io.berth.common.webhook.WebhookPayloads;
import io.berth.common.webhook.WebhookPayloads.ReplicatedArtifact;
import io.berth.common.webhook.WebhookPayloads.ReplicationResource;
import io.berth.core.replication.RemoteRegistry;
import io.berth.core.replication.ReplicationPolicy;
import io.berth.core.views.JobViews;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Harbor's {@code REPLICATION} webhook event, sent when a replication execution ends (Harbor sends one per task; Berth
 * one per execution and project, listing every artifact in {@code successful_artifact} and {@code failed_artifact}, so
 * that a receiver learns that the whole execution is over). The event goes to the policies of the projects on this
 * Berth's side of the replication: the source projects of a push, the destination projects of a pull; each project's
 * event names only its own artifacts. Its id is derived from the execution and the project: the same on every relay.
 */
@ApplicationScoped
public class ReplicationWebhooks {
    static final String TYPE = "REPLICATION";

    private final WebhookNotifier notifier;
    private final JobViews jobs;
    private final ObjectMapper json;
    private final String externalUrl;

    ReplicationWebhooks(WebhookNotifier notifier, JobViews jobs, ObjectMapper json, DeploymentConfig deployment) {
        this.notifier = notifier;
        this.jobs = jobs;
        this.json = json;
        this.externalUrl = deployment.externalUrl();
    }

    /** A task of the execution: which artifact, where, how it ended. */
    private record Copy(String localRepository, String remoteRepository, String tag, String status) {}

    /** The deliveries the end of this replication execution makes; none if its policy is gone or no project subscribes. */
    public List<WebhookRequest> requests(ExecutionEvent e) {
        if (!ExecutionEvent.REPLICATION.equals(e.vendorType())) {
            return List.of();
        }
        record Sides(ReplicationPolicy policy, RemoteRegistry remote) {}
        Sides sides = QuarkusTransaction.joiningExisting().call(() -> {
            ReplicationPolicy policy = ReplicationPolicy.findById(e.vendorId());
            if (policy == null) {
                return null;
            }
            Long remoteId = policy.srcRegistryId != null ? policy.srcRegistryId : policy.destRegistryId;
            return new Sides(policy, remoteId == null ? null : RemoteRegistry.findById(remoteId));
        });
        if (sides == null) {
            return List.of();
        }
        boolean pull = sides.policy().srcRegistryId != null;
        Map<String, List<Copy>> byProject = new LinkedHashMap<>();
        for (JobViews.TaskRow t : jobs.tasks(e.executionId(), null, null)) {
            JsonNode params = read(t.params());
            String src = params.path("src_repository").asText();
            String dest = params.path("dest_repository").asText();
            Copy copy = new Copy(pull ? dest : src, pull ? src : dest, params.path("tag").asText(), t.status());
            byProject.computeIfAbsent(namespace(copy.localRepository()), k -> new ArrayList<>()).add(copy);
        }
        List<WebhookRequest> requests = new ArrayList<>();
        for (WebhookNotifier.Subscriber s : notifier.subscribers(byProject.keySet())) {
            if (!s.policy().eventTypes.contains(TYPE)) {
                continue;
            }
            List<Copy> copies = byProject.get(s.project().name);
            WebhookPayloads.Replication replication = replication(e, sides.policy(), sides.remote(), pull, copies);
            Instant at = e.endTime() == null ? Instant.now() : e.endTime();
            String eventId = UUID.nameUUIDFromBytes((e.id() + "/" + s.project().name).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .toString();
            requests.add(notifier.request(s, new WebhookPayloads.Notification(TYPE, at, e.trigger(),
                    WebhookPayloads.replicationEventData(replication), eventId, s.project().id, s.policy().id)));
        }
        return requests;
    }

    private WebhookPayloads.Replication replication(ExecutionEvent e, ReplicationPolicy policy, RemoteRegistry remote, boolean pull,
            List<Copy> copies) {
        Copy first = copies.get(0);
        ReplicationResource local = new ReplicationResource(null, "harbor", externalUrl, namespace(first.localRepository()));
        ReplicationResource other = new ReplicationResource(remote == null ? "" : remote.name, remote == null ? "" : remote.type,
                remote == null ? "" : remote.url, namespace(first.remoteRepository()));
        List<ReplicatedArtifact> successful = new ArrayList<>();
        List<ReplicatedArtifact> failed = new ArrayList<>();
        for (Copy c : copies) {
            ReplicatedArtifact artifact = new ReplicatedArtifact("image", c.status(), nameTag(c.localRepository(), c.tag()));
            if ("Success".equals(c.status())) {
                successful.add(artifact);
            } else {
                failed.add(artifact);
            }
        }
        String authentication = remote == null || remote.accessKey == null || remote.accessKey.isEmpty() ? "" : "basic";
        return new WebhookPayloads.Replication(notifier.registryHost(), e.status(), policy.description, policy.creator, "image",
                authentication, policy.override, e.trigger(), e.startTime() == null ? 0 : e.startTime().getEpochSecond(), pull ? other : local,
                pull ? local : other, successful, failed);
    }

    /** The project (first path component) of a repository; "" for a repository at the root (CNCF Distribution's {@code busybox}). */
    static String namespace(String repository) {
        int slash = repository.indexOf('/');
        return slash < 0 ? "" : repository.substring(0, slash);
    }

    /** Harbor's {@code name_tag}: the repository within its project, a colon and the tag. */
    static String nameTag(String repository, String tag) {
        return repository.substring(repository.indexOf('/') + 1) + ":" + tag;
    }

    private JsonNode read(String params) {
        try {
            return json.readTree(params);
        } catch (IOException ex) {
            throw new IllegalStateException("a replication task's params are not JSON: " + ex.getMessage(), ex);
        }
    }
}

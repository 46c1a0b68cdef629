package io.berth.core.replication;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.job.ReplicationRequest;
import io.berth.core.jobs.Jobservice;
import io.berth.core.project.ProjectService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Starts replication executions on jobservice. A policy is sent as a snapshot (later edits do not change a
 * running execution); an event-triggered run names the one artifact.
 */
@ApplicationScoped
public class Replicator {
    private static final Logger LOG = Logger.getLogger(Replicator.class);

    private final Jobservice jobservice;
    private final ProjectService projects;

    Replicator(Jobservice jobservice, ProjectService projects) {
        this.jobservice = jobservice;
        this.projects = projects;
    }

    /** An artifact an event concerns. */
    public record Resource(String repository, String tag, boolean deleted, String digest) {}

    /** Runs {@code policy} now; the new execution's id. */
    public long run(ReplicationPolicy policy, String trigger, Resource resource) {
        ReplicationRequest snapshot = new ReplicationRequest(policy.id, policy.srcRegistryId, policy.destRegistryId,
                policy.destNamespace, policy.destNamespaceReplaceCount,
                policy.filters.stream().filter(f -> f.value() instanceof String || f.value() instanceof List)
                        .map(f -> new ReplicationRequest.Filter(f.type(), f.value(), f.decoration() == null ? "matches" : f.decoration()))
                        .toList(),
                policy.override, policy.speed, policy.copyByChunk, trigger,
                resource == null ? null : new ReplicationRequest.Resource(resource.repository(),
                        resource.tag() == null ? "" : resource.tag(), resource.deleted(), resource.digest() == null ? "" : resource.digest()));
        JsonNode body = jobservice.replicate(snapshot);
        createProjects(body.path("dest_projects"));
        return body.path("id").asLong();
    }

    /** A pull-based execution writes into these projects of this Berth: those missing are created. */
    private void createProjects(JsonNode names) {
        for (JsonNode name : names) {
            try {
                projects.createIfMissing(name.asText());
            } catch (RuntimeException e) {
                if (projects.byName(name.asText()) == null) { // else another replica created it meanwhile
                    LOG.warnf("cannot create project %s for a pull-based replication: %s", name.asText(), e.getMessage());
                }
            }
        }
    }
}

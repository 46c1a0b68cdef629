package io.berth.jobs.replication;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.client.OciClient;
import io.berth.jobs.dispatch.TaskStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a policy into tasks: one per source tag that the filters let through (an event-triggered
 * run: the one artifact of its event), each naming source and destination repository and tag.
 */
@ApplicationScoped
public class ReplicationPlanner {
    public static final String KIND = "REPLICATION";

    private final Endpoints endpoints;
    private final ObjectMapper json;

    ReplicationPlanner(Endpoints endpoints, ObjectMapper json) {
        this.endpoints = endpoints;
        this.json = json;
    }

    /** The parameters of one replication task. */
    public record CopyTask(long policyId, Long srcRegistryId, Long destRegistryId, String srcRepository, String tag,
            String destRepository, boolean override, int speed, boolean copyByChunk, boolean delete, String digest,
            boolean imagesOnly) {}

    public List<TaskStore.NewTask> plan(ReplicationPolicy policy) throws IOException {
        List<CopyTask> copies = new ArrayList<>();
        if (policy.resource() != null) {
            io.berth.common.job.ReplicationRequest.Resource r = policy.resource();
            if (policy.repositoryWanted(r.repository()) && (r.tag() == null || policy.tagWanted(r.tag()))
                    && labelsWanted(policy, r.repository(), r.digest() != null && !r.digest().isEmpty() ? r.digest() : r.tag())) {
                copies.add(task(policy, r.repository(), r.tag(), r.deleted(), r.digest()));
            }
        } else {
            OciClient source = endpoints.client(policy.srcRegistryId());
            for (String repository : endpoints.repositories(policy.srcRegistryId())) {
                if (!policy.repositoryWanted(repository)) {
                    continue;
                }
                for (String tag : source.tags(repository)) {
                    if (policy.tagWanted(tag) && labelsWanted(policy, repository, tag)) {
                        copies.add(task(policy, repository, tag, false, null));
                    }
                }
            }
        }
        return copies.stream().map(c -> new TaskStore.NewTask(KIND, json.valueToTree(c))).toList();
    }

    private boolean labelsWanted(ReplicationPolicy policy, String repository, String reference) throws IOException {
        return !policy.filtersOnLabels() || (reference != null && policy.labelsWanted(endpoints.labels(policy.srcRegistryId(), repository, reference)));
    }

    /** The projects (first path components) the tasks write into, each once, sorted. */
    public static List<String> destinationProjects(List<TaskStore.NewTask> tasks) {
        return tasks.stream().map(t -> t.params().path("dest_repository").asText())
                .map(repository -> repository.substring(0, Math.max(repository.indexOf('/'), 0)))
                .filter(project -> !project.isEmpty()).distinct().sorted().toList();
    }

    private static CopyTask task(ReplicationPolicy policy, String repository, String tag, boolean delete, String digest) {
        return new CopyTask(policy.policyId(), policy.srcRegistryId(), policy.destRegistryId(), repository, tag,
                policy.destinationRepository(repository), policy.override(), policy.speed(), policy.copyByChunk(), delete, digest,
                policy.imagesOnly());
    }
}

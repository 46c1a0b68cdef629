package io.berth.common.job;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * What core sends jobservice to run a replication policy ({@code POST /jobs/replication/executions}):
 * a snapshot of the policy, so later edits do not change a running execution. A null registry id is
 * this Berth. {@code resource}, for an event-triggered run, names the one artifact pushed or deleted.
 * Written by core, read by jobservice, in snake case whatever either's JSON settings.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ReplicationRequest(long policyId, Long srcRegistryId, Long destRegistryId, String destNamespace,
        Integer destNamespaceReplaceCount, List<Filter> filters, boolean override, int speed, boolean copyByChunk, String trigger,
        Resource resource) {

    /**
     * Harbor's filter: type {@code name} or {@code tag} with a glob, {@code resource} with {@code image}
     * or {@code artifact}, {@code label} with a list of label names; decoration {@code matches} or {@code excludes}.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Filter(String type, Object value, String decoration) {}

    /** The artifact of an event: its repository, the tag pushed or deleted, and its digest. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Resource(String repository, String tag, boolean deleted, String digest) {}
}

package io.berth.jobs.retention;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.client.OciClient;
import io.berth.common.client.RegistryException;
import io.berth.common.job.RetentionRequest;
import io.berth.common.retention.RetentionRules;
import io.berth.common.retention.RetentionRules.Candidate;
import io.berth.common.retention.RetentionRules.Outcome;
import io.berth.common.retention.RetentionRules.RuleResult;
import io.berth.jobs.dispatch.Task;
import io.berth.jobs.dispatch.TaskContext;
import io.berth.jobs.dispatch.TaskRunner;
import io.berth.jobs.tokens.LocalTokens;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a tag retention policy over one repository: reads its artifacts ({@link RetentionArtifacts}), lets
 * {@link RetentionRules} decide, and deletes the rest through registry-service's own OCI manifest DELETE (by digest,
 * with a token signed here for {@value #ACTOR}), so that the deletion events and the audit log are those of any delete.
 * A tag an enabled immutable tag rule protects is refused by registry-service (412): the artifact is counted as
 * retained and the log says so. A dry run deletes nothing. The log says, per artifact, which rule keeps it or that no
 * rule does; the report counts {@code total}, {@code retained} and {@code deleted} (Harbor's task counts). A stop acts
 * between artifacts. Trying again starts over from what the repository holds then, so it is idempotent.
 */
@ApplicationScoped
public class RetentionRunner implements TaskRunner {
    static final String ACTOR = "tag-retention";
    /** The report's list of what a run deleted ({@code <repository>:<tag>}, or {@code <repository>@<digest>} when untagged), for the TAG_RETENTION event. */
    static final String DELETED = "deleted_artifacts";
    /** At most so many of them per task (the counters count them all). */
    static final int ITEMISED = 1000;

    private final RetentionArtifacts artifacts;
    private final LocalTokens tokens;
    private final ObjectMapper json;
    private volatile OciClient registry;

    RetentionRunner(RetentionArtifacts artifacts, LocalTokens tokens, ObjectMapper json) {
        this.artifacts = artifacts;
        this.tokens = tokens;
        this.json = json;
    }

    @Override
    public String kind() {
        return RetentionRequest.KIND;
    }

    @Override
    public boolean retryable(Exception failure) {
        return TaskRunner.super.retryable(failure) && !(failure instanceof IllegalArgumentException)
                && !(failure instanceof RegistryException r && !r.transientFailure());
    }

    @Override
    public void run(Task task, TaskContext context) throws Exception {
        RetentionTask t = json.treeToValue(task.params(), RetentionTask.class);
        RetentionRules rules = RetentionRules.compile(t.rules());
        List<Candidate> candidates = artifacts.candidates(t.repository());
        Outcome outcome = rules.evaluate(t.repositoryInProject(), candidates, Instant.now());
        for (String counter : List.of("total", "retained", "deleted")) {
            context.count(counter, -context.counter(counter)); // an attempt counts afresh
        }
        context.count("total", candidates.size());
        context.count("retained", outcome.retained().size());
        context.log((t.dryRun() ? "dry run of" : "running") + " retention policy " + t.policyId() + " over " + t.repository() + ": "
                + candidates.size() + " artifact(s); " + String.join("; ", rules.describe()));
        Map<Candidate, String> keptBy = new LinkedHashMap<>();
        for (RuleResult r : outcome.rules()) {
            r.retained().forEach(c -> keptBy.putIfAbsent(c, r.rule()));
        }
        for (Candidate c : outcome.retained()) {
            context.log("retain " + c.describe() + ": kept by " + keptBy.get(c));
        }
        for (Candidate c : outcome.deleted()) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("stopped");
            }
            if (t.dryRun()) {
                context.log("would delete " + c.describe() + ": no rule retains it");
                context.count("deleted", 1);
                continue;
            }
            delete(t.repository(), c, context);
        }
        context.log(String.format("%s: %d artifact(s), %d retained, %d %s", t.repository(), context.counter("total"), context.counter("retained"),
                context.counter("deleted"), t.dryRun() ? "would be deleted" : "deleted"));
    }

    private void delete(String repository, Candidate c, TaskContext context) throws IOException {
        try {
            if (registry().deleteManifest(repository, c.digest())) {
                context.log("deleted " + c.describe() + ": no rule retains it");
            } else {
                context.log("deleted " + c.describe() + " already: it is gone");
            }
            context.count("deleted", 1);
            List<String> named = c.tags().isEmpty() ? List.of(repository + "@" + c.digest()) : c.tags().stream().map(tag -> repository + ":" + tag).toList();
            for (String name : named) {
                if (context.list(DELETED).size() < ITEMISED) {
                    context.append(DELETED, name);
                }
            }
        } catch (RegistryException e) {
            if (e.status() == 412) {
                context.log("retain " + c.describe() + ": no rule retains it, but an immutable tag rule protects it (" + e.answer() + ")");
                context.count("retained", 1);
                return;
            }
            throw e;
        }
    }

    private OciClient registry() throws IOException {
        if (registry == null) {
            registry = tokens.localRegistry(ACTOR);
        }
        return registry;
    }
}

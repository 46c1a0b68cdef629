package io.berth.jobs.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.gc.GcSweep;
import io.berth.common.job.GcRequest;
import io.berth.jobs.dispatch.Task;
import io.berth.jobs.dispatch.TaskContext;
import io.berth.jobs.dispatch.TaskRunner;
import io.berth.jobs.internal.InternalApi;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a garbage collection: registry-service decides and deletes (each item locked and re-checked there), this
 * runner walks the phases — untagged manifests in rounds (with {@code delete_untagged}: an index's children become
 * garbage the round after it), then blob links, then blobs — paging through the candidates and sending batches of
 * at most {@value #BATCH} to {@code workers} threads; with {@code sweep_orphans}, then the orphan sweep, page by page
 * through the stored blobs and upload data (registry-service lists storage, judges and deletes). A stop interrupts it
 * between calls; a rerun only finds what is left, so an attempt tried again after a failure carries on. The report
 * counts what was deleted and the bytes freed.
 */
@ApplicationScoped
public class GcRunner implements TaskRunner {
    static final int PAGE = 1000;
    static final int BATCH = 100;
    static final int MAX_MANIFEST_ROUNDS = 16;
    /** Deletions itemised in the log per phase; past it, one line a batch. */
    static final int ITEMISED = 1000;

    private final RegistryGc registry;
    private final ObjectMapper json;

    GcRunner(RegistryGc registry, ObjectMapper json) {
        this.registry = registry;
        this.json = json;
    }

    @Override
    public String kind() {
        return GcRequest.KIND;
    }

    @Override
    public boolean retryable(Exception failure) {
        return TaskRunner.super.retryable(failure) && InternalApi.worthRetrying(failure);
    }

    @Override
    public void run(Task task, TaskContext context) throws Exception {
        GcRequest request = json.treeToValue(task.params(), GcRequest.class);
        ObjectNode start = registry.body().put("run_id", task.executionId()).put("dry_run", request.dryRun());
        if (request.timeWindow() != null) {
            start.put("time_window_hours", request.timeWindow());
        }
        JsonNode begun = registry.call("start", start);
        JsonNode cutoff = begun.path("cutoff"); // passed back as registry-service wrote it
        context.log((request.dryRun() ? "dry run: nothing is deleted; " : "") + "collecting what became garbage before " + cutoff.asText()
                + " (grace " + begun.path("grace_seconds").asLong() + " s), " + request.workers() + " worker(s)"
                + (request.deleteUntagged() ? ", untagged manifests too" : ""));
        ExecutorService pool = Executors.newFixedThreadPool(request.workers(), r -> new Thread(r, "gc-" + task.executionId()));
        try {
            Phase phase = new Phase(task.executionId(), cutoff, request.dryRun(), pool, context);
            if (request.deleteUntagged()) {
                for (int round = 1; round <= MAX_MANIFEST_ROUNDS && phase.collect("manifests") > 0; round++) {
                    // an index deleted this round frees its children for the next
                }
            }
            phase.collect("links");
            phase.collect("blobs");
            if (request.sweepOrphans()) {
                phase.sweep(GcSweep.BLOBS);
                phase.sweep(GcSweep.UPLOADS);
            }
        } finally {
            pool.shutdownNow();
        }
        registry.call("finish", registry.body().put("run_id", task.executionId()));
        context.log(String.format("%s %d manifest(s), %d blob link(s), %d blob(s)%s; %d bytes freed; %d item(s) in use or busy left for the next run",
                request.dryRun() ? "would delete" : "deleted", context.counter("manifests_deleted"), context.counter("links_deleted"),
                context.counter("blobs_deleted"), request.sweepOrphans() ? String.format(", %d orphan(s) of %d bytes",
                        context.counter("orphans_deleted"), context.counter("orphan_bytes_freed")) : "",
                context.counter("bytes_freed"), context.counter("skipped_busy") + context.counter("skipped_in_use")));
        if (context.counter("failures") > 0) {
            throw new IllegalStateException(context.counter("failures") + " deletion(s) failed (see the log); a rerun tries them again");
        }
    }

    /** One walk of a kind of candidates: pages read in order, their batches collected in parallel. */
    private final class Phase {
        private final long runId;
        private final JsonNode cutoff;
        private final boolean dryRun;
        private final ExecutorService pool;
        private final TaskContext context;

        Phase(long runId, JsonNode cutoff, boolean dryRun, ExecutorService pool, TaskContext context) {
            this.runId = runId;
            this.cutoff = cutoff;
            this.dryRun = dryRun;
            this.pool = pool;
            this.context = context;
        }

        /** Collects every candidate of {@code kind}; how many were deleted. */
        long collect(String kind) throws Exception {
            long deleted = 0;
            int itemised = 0;
            JsonNode after = null;
            do {
                stopIfAsked();
                ObjectNode ask = registry.body().put("run_id", runId).put("dry_run", dryRun).put("limit", PAGE);
                ask.set("cutoff", cutoff);
                if (after != null) {
                    ask.set("after", after);
                }
                JsonNode page = registry.call(kind + "/candidates", ask);
                JsonNode items = page.path("items");
                List<Future<JsonNode>> batches = new ArrayList<>();
                for (int from = 0; from < items.size(); from += BATCH) {
                    ArrayNode batch = json.createArrayNode();
                    for (int i = from; i < Math.min(items.size(), from + BATCH); i++) {
                        batch.add(items.get(i));
                    }
                    ObjectNode collect = registry.body().put("run_id", runId).put("dry_run", dryRun);
                    collect.set("cutoff", cutoff);
                    collect.set("items", batch);
                    batches.add(pool.submit(() -> registry.call(kind + "/collect", collect)));
                }
                for (Future<JsonNode> batch : batches) {
                    JsonNode done;
                    try {
                        done = batch.get();
                    } catch (ExecutionException e) {
                        throw e.getCause() instanceof Exception cause ? cause : e;
                    }
                    deleted += done.path("deleted").size();
                    itemised = record(kind, done, itemised);
                }
                after = page.path("next").isNull() || page.path("next").isMissingNode() ? null : page.get("next");
            } while (after != null);
            return deleted;
        }

        /**
         * Sweeps the orphans of {@code area} ({@code blobs} or {@code uploads}): one page of the storage listing per
         * call, in order (the listing is the cost, not the deletes); how many were deleted.
         */
        long sweep(String area) throws Exception {
            long deleted = 0;
            int itemised = 0;
            String after = null;
            String verb = dryRun ? "would delete " : "deleted ";
            do {
                stopIfAsked();
                ObjectNode ask = registry.body().put("run_id", runId).put("dry_run", dryRun).put("area", area).put("limit", PAGE);
                ask.set("cutoff", cutoff);
                ask.put("after", after);
                JsonNode page = registry.call("orphans/sweep", ask);
                long bytes = page.path("bytes").asLong();
                deleted += page.path("deleted").size();
                context.count("orphans_deleted", page.path("deleted").size());
                context.count("orphan_bytes_freed", bytes);
                context.count("bytes_freed", bytes);
                context.addBytes(bytes);
                context.count("skipped_busy", page.path("busy").asLong());
                for (JsonNode failure : page.path("failures")) {
                    context.count("failures", 1);
                    context.log("failed: " + failure.asText());
                }
                for (JsonNode o : page.path("deleted")) {
                    if (itemised++ < ITEMISED) {
                        context.log(verb + "orphan " + o.path("path").asText() + " (" + o.path("size").asLong() + " bytes)");
                    }
                }
                if (itemised > ITEMISED && page.path("deleted").size() > 0) {
                    context.log(verb + page.path("deleted").size() + " more orphan(s) (" + bytes + " bytes)");
                }
                after = page.path("next").isTextual() ? page.path("next").asText() : null;
            } while (after != null);
            context.log("orphan sweep of " + area + ": " + verb + deleted + " object(s) no row accounts for");
            return deleted;
        }

        private int record(String kind, JsonNode done, int itemised) {
            String counter = switch (kind) {
                case "manifests" -> "manifests_deleted";
                case "links" -> "links_deleted";
                default -> "blobs_deleted";
            };
            context.count(counter, done.path("deleted").size());
            long bytes = done.path("bytes").asLong();
            context.count("bytes_freed", bytes);
            context.addBytes(bytes);
            context.count("skipped_busy", done.path("busy").asLong());
            context.count("skipped_in_use", done.path("in_use").asLong());
            for (JsonNode failure : done.path("failures")) {
                context.count("failures", 1);
                context.log("failed: " + failure.asText());
            }
            String verb = dryRun ? "would delete " : "deleted ";
            for (JsonNode d : done.path("deleted")) {
                if (itemised++ < ITEMISED) {
                    context.log(verb + describe(kind, d));
                }
            }
            if (itemised > ITEMISED && done.path("deleted").size() > 0) {
                context.log(verb + done.path("deleted").size() + " more " + kind + " (" + bytes + " bytes)");
            }
            return itemised;
        }

        private String describe(String kind, JsonNode d) {
            String size = d.path("size").asLong() > 0 ? " (" + d.path("size").asLong() + " bytes)" : "";
            return switch (kind) {
                case "manifests" -> "manifest " + d.path("repository").asText() + "@" + d.path("digest").asText()
                        + (d.path("tags").size() > 0 ? " tags " + d.path("tags") : "") + size;
                case "links" -> "link of " + d.path("digest").asText() + " in " + d.path("repository").asText() + size;
                default -> "blob " + d.path("digest").asText() + size;
            };
        }
    }

    private static void stopIfAsked() throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("stopped");
        }
    }
}

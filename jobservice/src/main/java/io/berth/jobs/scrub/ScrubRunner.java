package io.berth.jobs.scrub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.job.ScrubRequest;
import io.berth.jobs.dispatch.Task;
import io.berth.jobs.dispatch.TaskContext;
import io.berth.jobs.dispatch.TaskRunner;
import io.berth.jobs.internal.InternalApi;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Runs a scrub: pages through registry-service's {@code /internal/scrub/check} in digest order, each page read at
 * the run's rate limit and ending after about {@value #CALL_SECONDS} s of reading (so a stop acts between pages),
 * until the last blob. The cursor (the last digest checked) is in the task's report, saved with every heartbeat: an
 * attempt tried again after a failure, or a task reclaimed from a dead worker, continues after it (an empty cursor: all
 * checked). The report counts
 * blobs and bytes checked and lists the digests quarantined (the first {@value #ITEMISED}); each of those is logged with
 * its reason.
 */
@ApplicationScoped
public class ScrubRunner implements TaskRunner {
    static final int PAGE = 1000;
    static final long CALL_SECONDS = 5;
    static final String CURSOR = "cursor";
    static final String QUARANTINED = "quarantined";
    /** Quarantined digests listed in the report and itemised in the log; past it, only counted (a disaster stays readable). */
    static final int ITEMISED = 1000;

    /** Blobs that could not be read (storage failing): the run ends in Error once it went through every blob. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    private final RegistryScrub registry;
    private final ObjectMapper json;

    ScrubRunner(RegistryScrub registry, ObjectMapper json) {
        this.registry = registry;
        this.json = json;
    }

    @Override
    public String kind() {
        return ScrubRequest.KIND;
    }

    @Override
    public boolean retryable(Exception failure) {
        return TaskRunner.super.retryable(failure) && InternalApi.worthRetrying(failure) && !(failure instanceof Unreadable);
    }

    @Override
    public void run(Task task, TaskContext context) throws Exception {
        ScrubRequest request = json.treeToValue(task.params(), ScrubRequest.class);
        long rate = request.bytesPerSecond();
        long budget = Math.min(rate, Long.MAX_VALUE / CALL_SECONDS) * CALL_SECONDS;
        String after = context.text(CURSOR);
        boolean done = "".equals(after); // an earlier attempt went through every blob
        if (done) {
            context.log("every blob was checked by an earlier attempt");
        } else if (after == null) {
            context.log(String.format("checking every stored blob against its digest, at most %s MB/s", mb(rate)));
        } else {
            context.log(String.format("continuing after %s (%d blob(s) checked before), at most %s MB/s", after,
                    context.counter("blobs_checked"), mb(rate)));
        }
        while (!done) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("stopped");
            }
            ObjectNode ask = registry.body().put("run_id", task.executionId()).put("limit", PAGE).put("bytes_per_second", rate)
                    .put("max_bytes", budget);
            if (after != null) {
                ask.put("after", after);
            }
            JsonNode page = registry.call("check", ask);
            record(page, context);
            after = page.path("next").isTextual() ? page.path("next").asText() : null;
            context.text(CURSOR, after == null ? "" : after);
            done = after == null;
        }
        context.log(String.format("checked %d blob(s), %d bytes; %d quarantined%s", context.counter("blobs_checked"),
                context.counter("bytes_checked"), context.counter("blobs_quarantined"),
                context.counter("skipped_busy") > 0 ? "; " + context.counter("skipped_busy") + " found wrong while a push held them, left for the next run" : ""));
        if (context.counter("failures") > 0) {
            throw new Unreadable(context.counter("failures") + " blob(s) could not be read (see the log)");
        }
    }

    private static void record(JsonNode page, TaskContext context) {
        context.count("blobs_checked", page.path("checked").asLong());
        context.count("bytes_checked", page.path("bytes").asLong());
        context.addBytes(page.path("bytes").asLong());
        context.count("skipped_busy", page.path("busy").asLong());
        for (JsonNode q : page.path("quarantined")) {
            context.count("blobs_quarantined", 1);
            if (context.counter("blobs_quarantined") > ITEMISED) {
                continue;
            }
            context.append(QUARANTINED, q.path("digest").asText());
            context.log("quarantined blob " + q.path("digest").asText() + " (" + q.path("size").asLong() + " bytes): " + q.path("reason").asText()
                    + (q.path("repositories").size() > 0 ? "; linked in " + q.path("repositories") : ""));
        }
        for (JsonNode failure : page.path("failures")) {
            context.count("failures", 1);
            context.log("failed: " + failure.asText());
        }
    }

    private static String mb(long bytesPerSecond) {
        return java.math.BigDecimal.valueOf(bytesPerSecond, 6).stripTrailingZeros().toPlainString();
    }
}

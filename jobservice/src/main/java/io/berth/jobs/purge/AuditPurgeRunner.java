package io.berth.jobs.purge;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.audit.AuditPurge;
import io.berth.common.audit.AuditPurge.Batch;
import io.berth.common.audit.AuditPurge.Done;
import io.berth.common.audit.AuditPurge.Key;
import io.berth.common.audit.AuditPurge.Started;
import io.berth.common.config.CoreConfig;
import io.berth.common.job.PurgeAuditRequest;
import io.berth.common.token.Audiences;
import io.berth.jobs.dispatch.Task;
import io.berth.jobs.dispatch.TaskContext;
import io.berth.jobs.dispatch.TaskRunner;
import io.berth.jobs.internal.InternalApi;
import io.berth.jobs.tokens.LocalTokens;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Runs an audit-log purge ({@code PURGE_AUDIT_LOG}): core owns the audit log, so the entries are deleted by core's
 * internal purge API ({@link AuditPurge}, token audience {@link Audiences#CORE_AUDIT_PURGE}) — {@code start} fixes
 * the cutoff, then batches of at most {@value #BATCH} entries, each logged, until core says none are left. A stop
 * interrupts it between batches (a batch is one statement in core: it is done or not). The report counts the entries
 * found ({@code rows_matched}) and deleted ({@code rows_deleted}; 0 in a dry run). An attempt tried again after a
 * failure starts a new walk: a real run finds only what is left, a dry run counts again from zero.
 */
@ApplicationScoped
public class AuditPurgeRunner implements TaskRunner {
    static final int BATCH = 1000;
    static final String SUBJECT = "audit-log-purger";

    private final InternalApi core;
    private final ObjectMapper json;

    AuditPurgeRunner(CoreConfig config, LocalTokens tokens, ObjectMapper json) {
        this.core = new InternalApi("core-service", config.url().replaceAll("/+$", "") + "/internal/audit/purge/", Audiences.CORE_AUDIT_PURGE,
                SUBJECT, tokens, json);
        this.json = json;
    }

    @Override
    public String kind() {
        return PurgeAuditRequest.KIND;
    }

    @Override
    public boolean retryable(Exception failure) {
        return TaskRunner.super.retryable(failure) && InternalApi.worthRetrying(failure);
    }

    @Override
    public void run(Task task, TaskContext context) throws Exception {
        PurgeAuditRequest request = json.treeToValue(task.params(), PurgeAuditRequest.class);
        if (request.problem() != null) {
            throw new IllegalArgumentException(request.problem());
        }
        if (request.dryRun()) { // a dry run's count is of this attempt's walk alone
            context.count("rows_matched", -context.counter("rows_matched"));
        }
        Started started = core.call("start", new AuditPurge.Start(task.executionId(), request.auditRetentionHour()), Started.class);
        context.log((request.dryRun() ? "dry run: nothing is deleted; " : "") + "purging the audit log entries older than "
                + started.cutoff() + " (" + request.auditRetentionHour() + " hours kept) of operations " + String.join(", ", request.includeOperations()));
        String verb = request.dryRun() ? "would delete " : "deleted ";
        Key after = null;
        do {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("stopped");
            }
            Done done = core.call("batch", new Batch(task.executionId(), started.cutoff(), request.includeOperations(), request.dryRun(), after, BATCH),
                    Done.class);
            context.count("rows_matched", done.count());
            context.count("rows_deleted", request.dryRun() ? 0 : done.count());
            if (done.count() > 0) {
                context.log(verb + done.count() + " entries" + (done.next() == null ? "" : " (up to " + done.next().opTime() + ")"));
            }
            after = done.next();
        } while (after != null);
        context.log(verb + context.counter("rows_matched") + " audit log entries in all");
    }
}

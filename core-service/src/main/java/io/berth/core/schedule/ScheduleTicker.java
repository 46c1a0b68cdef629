package io.berth.core.schedule;

import io.berth.common.error.HarborException;
import io.berth.core.configuration.Configurations;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The one firing loop of every housekeeping schedule (table {@code schedule}): each tick, each row whose cron
 * names a slot after its {@code last_fired} is claimed by a guarded UPDATE that moves {@code last_fired} forward —
 * one core replica wins a slot — and the winner starts its {@link ScheduledJob}. A slot that finds a run still
 * going (409) is skipped (logged); any other failure hands the slot back for the next tick. A row whose kind no
 * {@link ScheduledJob} bean claims is logged and left alone. While {@code read_only} is on, the slots of a job that
 * {@linkplain ScheduledJob#writesArtifacts() writes artifacts} are claimed and skipped (logged): they do not run
 * later either, the next slot after read_only is turned off does.
 */
@ApplicationScoped
public class ScheduleTicker {
    private static final Logger LOG = Logger.getLogger(ScheduleTicker.class);

    private final Map<String, ScheduledJob> jobs;
    private final Configurations configurations;

    ScheduleTicker(Instance<ScheduledJob> jobs, Configurations configurations) {
        this.jobs = jobs.stream().collect(Collectors.toMap(ScheduledJob::kind, Function.identity()));
        this.configurations = configurations;
    }

    @Scheduled(every = "${berth.core.schedule_interval}", delayed = "${berth.core.schedule_interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void fire() {
        List<Schedule> schedules = QuarkusTransaction.requiringNew().call(() -> Schedule.<Schedule>listAll());
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        for (Schedule schedule : schedules) {
            ScheduledJob job = jobs.get(schedule.kind);
            if (job == null) {
                LOG.warnf("schedule %d names job kind %s, which nothing runs", schedule.id, schedule.kind);
                continue;
            }
            try {
                fire(job, schedule, now);
            } catch (RuntimeException e) {
                LOG.warnf("scheduled %s: %s", job.title(), e.getMessage());
            }
        }
    }

    private void fire(ScheduledJob job, Schedule schedule, ZonedDateTime now) {
        Optional<OffsetDateTime> last = Cron.last(schedule.cron, now);
        if (last.isEmpty() || (schedule.lastFired != null && !last.get().isAfter(schedule.lastFired))) {
            return;
        }
        OffsetDateTime slot = last.get();
        int claimed = QuarkusTransaction.requiringNew().call(() -> Schedule.update(
                "lastFired = ?1 where id = ?2 and (lastFired is null or lastFired < ?1)", slot, schedule.id));
        if (claimed != 1) {
            return;
        }
        if (job.writesArtifacts() && configurations.readOnly()) {
            LOG.infof("%s scheduled for %s skipped: Berth is in read-only mode (configuration read_only)", job.title(), slot);
            return;
        }
        try {
            long id = job.start(job.validate(schedule.parameters), "SCHEDULE", schedule.id);
            LOG.infof("%s scheduled for %s started: %d", job.title(), slot, id);
        } catch (HarborException e) {
            if (e.status() == 409) {
                LOG.infof("%s scheduled for %s skipped: one is still running", job.title(), slot);
                return;
            }
            QuarkusTransaction.requiringNew().call(() -> Schedule.update("lastFired = ?1 where id = ?2 and lastFired = ?3",
                    schedule.lastFired, schedule.id, slot));
            throw e;
        }
    }
}

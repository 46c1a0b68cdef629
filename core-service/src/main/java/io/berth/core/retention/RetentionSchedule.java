package io.berth.core.retention;

import io.berth.common.job.RetentionRequest;
import io.berth.core.schedule.Schedule;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A retention policy's Schedule trigger as a row of core's one {@code schedule} table (kind {@code RETENTION}, ref the
 * policy's id, parameters {@code {"policy_id": id}}), which {@link io.berth.core.schedule.ScheduleTicker} fires through
 * {@link RetentionRuns}. Kept in the transaction that changes the policy.
 */
@ApplicationScoped
public class RetentionSchedule {
    static final String POLICY_ID = "policy_id";

    /** Creates, changes or deletes the policy's schedule row so that it says the policy's cron. */
    void follow(RetentionPolicy policy) {
        Schedule current = Schedule.of(RetentionRequest.KIND, policy.id);
        if (policy.cron == null) {
            if (current != null) {
                current.delete();
            }
            return;
        }
        if (current != null && Objects.equals(current.cron, policy.cron)) {
            return;
        }
        Schedule s = current == null ? new Schedule() : current;
        s.kind = RetentionRequest.KIND;
        s.ref = policy.id;
        s.type = "Custom";
        s.cron = policy.cron;
        s.parameters = new java.util.HashMap<>(Map.of(POLICY_ID, policy.id));
        s.lastFired = OffsetDateTime.now(ZoneOffset.UTC); // from now on: not at once for a slot already past
        s.persist();
    }
}

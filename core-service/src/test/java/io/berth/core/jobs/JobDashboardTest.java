package io.berth.core.jobs;

import static io.berth.core.testing.Answers.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.jobs.JobDashboard.QueueAction;
import io.berth.core.testing.CoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The job service dashboard's rules: known job types and actions only, unknown pools and jobs are 404s (jobservice is down here). */
@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
class JobDashboardTest {
    @Inject
    JobDashboard dashboard;

    @Test
    void onlyKnownJobTypesAndActionsReachJobservice() {
        assertThat(status(() -> dashboard.queue("REPLICATION", new QueueAction("explode")))).isEqualTo(400);
        assertThat(status(() -> dashboard.queue("REPLICATION", null))).isEqualTo(400);
        assertThat(status(() -> dashboard.queue("NO_SUCH_JOB", new QueueAction("pause")))).isEqualTo(404);
        assertThat(status(() -> dashboard.queue("REPLICATION", new QueueAction("pause")))).isEqualTo(503);
        assertThat(status(() -> dashboard.queue(JobDashboard.ALL, new QueueAction("resume")))).isEqualTo(503);
    }

    @Test
    void unknownPoolsAndJobsAreNotFoundButAllPoolsAlwaysAnswer() {
        assertThat(status(() -> dashboard.workers("nobody@nowhere"))).isEqualTo(404);
        assertThat(status(() -> dashboard.workers(JobDashboard.ALL))).isEqualTo(200);
        assertThat(status(() -> dashboard.log(-42))).isEqualTo(404);
    }
}

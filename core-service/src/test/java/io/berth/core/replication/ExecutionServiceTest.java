package io.berth.core.replication;

import static io.berth.core.testing.Answers.status;
import static io.berth.core.testing.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.berth.core.api.Paging;
import io.berth.core.replication.ExecutionService.ExecutionJson;
import io.berth.core.replication.ExecutionService.TaskJson;
import io.berth.core.testing.Callers;
import io.berth.core.testing.CoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/** Executions as jobservice's views show them, in Harbor's words; starting one needs an enabled policy (and jobservice, down here). */
@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
class ExecutionServiceTest {
    @Inject
    ExecutionService executions;

    @Inject
    PolicyService policies;

    @Inject
    RegistryEndpointService endpoints;

    @Inject
    AgroalDataSource db;

    /** An execution of {@code policy} with one failed task, as jobservice writes them; the execution's id. */
    long execution(long policy) throws Exception {
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "WITH e AS (INSERT INTO jobs.execution (vendor_type, vendor_id, trigger) VALUES ('REPLICATION', " + policy
                        + ", 'SCHEDULE') RETURNING id) INSERT INTO jobs.task (execution_id, kind, params, status, status_message) "
                        + "SELECT id, 'REPLICATION', '{\"src_repository\":\"library/a\",\"dest_repository\":\"mirror/a\",\"tag\":\"v1\"}', "
                        + "'Error', 'unauthorized' FROM e RETURNING execution_id")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void executionsAndTasksReadInHarborsWords() throws Exception {
        long policy = -1_000_000 - (long) (Math.random() * 1_000_000);
        long id = execution(policy);
        ExecutionJson execution = executions.get(id);
        assertThat(execution.policyId()).isEqualTo(policy);
        assertThat(execution.trigger()).isEqualTo("scheduled");
        assertThat(execution.total()).isEqualTo(1);
        assertThat(executions.list(policy, null, "scheduled", Paging.of(1, 10)).items()).extracting(ExecutionJson::id).containsExactly(id);
        assertThat(executions.list(policy, null, "manual", Paging.of(1, 10)).total()).isZero();
        TaskJson task = executions.tasks(id, "Failed", Paging.of(1, 10)).items().get(0);
        assertThat(task.status()).isEqualTo("Failed");
        assertThat(task.srcResource()).isEqualTo("library/a:v1");
        assertThat(task.dstResource()).isEqualTo("mirror/a:v1");
        assertThat(task.operation()).isEqualTo("copy");
        assertThat(executions.tasks(id, "Succeed", Paging.of(1, 10)).total()).isZero();
        assertThat(status(() -> executions.log(id + 1_000_000, task.id()))).isEqualTo(404);
        assertThat(status(() -> executions.get(424_242_424))).isEqualTo(404);
    }

    @Test
    void onlyAnEnabledPolicyStartsAndJobserviceMustAnswer() {
        Callers.actAs(Callers.admin());
        RemoteRegistry registry = endpoints.create(new RegistryRequest(null, unique("reg"), "docker-registry", "http://127.0.0.1:9", null,
                null, null, null, null, null, null));
        PolicyJson disabled = new PolicyJson(null, unique("off"), null, null, new PolicyJson.RegistryRef(registry.id, null), null, null,
                null, null, null, null, null, false, null, null, null, null);
        ReplicationPolicy policy = policies.create(disabled);
        assertThat(status(() -> executions.start(policy.id))).isEqualTo(412);
        assertThat(status(() -> executions.start(null))).isEqualTo(400);
        assertThat(status(() -> executions.start(424_242L))).isEqualTo(404);
        ReplicationPolicy enabled = policies.create(new PolicyJson(null, unique("on"), null, null, new PolicyJson.RegistryRef(registry.id,
                null), null, null, null, null, null, null, null, true, null, null, null, null));
        assertThat(status(() -> executions.start(enabled.id))).isEqualTo(503);
    }
}

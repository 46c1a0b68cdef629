package io.berth.core.views;

import static io.berth.core.testing.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.berth.core.testing.CoreTestResource;
import io.berth.core.testing.RegistryRows;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What core reads of registry-service's and jobservice's documented views, through the one class per owner. */
@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
class ViewsTest {
    @Inject
    RegistryViews registry;

    @Inject
    JobViews jobs;

    @Inject
    AgroalDataSource db;

    @Test
    void registryCountsSearchesAndTellsWhetherItHoldsAnArtifact() throws Exception {
        String project = unique("views");
        RegistryRows.repositoryWithManifest(project + "/web");
        RegistryRows.manifest(project + "/api", "sha256:" + "6".repeat(64), "application/vnd.oci.image.manifest.v1+json", "{}", 5);
        assertThat(registry.repositoryCount(project)).isEqualTo(2);
        assertThat(registry.repositoryCount(List.of(project, unique("none")))).isEqualTo(2);
        assertThat(registry.repositoryCount(List.of())).isZero();
        // the blob (123 bytes) and the bytes of both manifests ({} each), as Harbor's quota counts
        assertThat(registry.usedBytes(project)).isEqualTo(123 + 2 + 2);
        assertThat(registry.usedBytes()).isGreaterThanOrEqualTo(127);
        assertThat(registry.search(List.of(project), "we", 100)).extracting(RegistryViews.RepositoryHit::name).containsExactly(project + "/web");
        assertThat(registry.search(List.of(project), "", 1)).hasSize(1);
        assertThat(QuarkusTransaction.requiringNew().call(() -> registry.holds(project + "/api", "sha256:" + "6".repeat(64)))).isTrue();
        assertThat(QuarkusTransaction.requiringNew().call(() -> registry.holds(project + "/web", "sha256:" + "6".repeat(64)))).isFalse();
    }

    @Test
    void jobserviceShowsItsPoolsWorkersAndTheKindsTheyTake() throws Exception {
        String pool = "88@" + unique("host");
        try (Connection c = db.getConnection()) {
            c.createStatement().execute("INSERT INTO jobs.worker_pool (id, host, pid, kinds, concurrency) VALUES ('" + pool
                    + "', 'host', 88, 'REPLICATION, " + pool.toUpperCase().replace('@', '_') + "', 3)");
        }
        assertThat(jobs.poolExists(pool)).isTrue();
        assertThat(jobs.poolExists(pool + "x")).isFalse();
        assertThat(jobs.pools()).filteredOn(p -> p.workerPoolId().equals(pool)).singleElement().satisfies(p -> {
            assertThat(p.pid()).isEqualTo(88);
            assertThat(p.concurrency()).isEqualTo(3);
        });
        assertThat(jobs.kinds()).contains("REPLICATION", pool.toUpperCase().replace('@', '_'));
        assertThat(jobs.workers(pool)).isEmpty();
        assertThat(jobs.log(-1, null)).isNull();
    }
}

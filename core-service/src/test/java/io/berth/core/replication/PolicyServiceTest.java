package io.berth.core.replication;

import static io.berth.core.testing.Answers.status;
import static io.berth.core.testing.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.api.Paging;
import io.berth.core.audit.AuditEntry;
import io.berth.core.testing.Callers;
import io.berth.core.testing.CoreTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Replication policies and registry endpoints, the two services every replication feature finds them in:
 * names unique, a policy between this Berth and exactly one registry, a registry kept while policies use
 * it, secrets sealed and masked, each change audited.
 */
@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
class PolicyServiceTest {
    @Inject
    PolicyService policies;

    @Inject
    RegistryEndpointService endpoints;

    static PolicyJson policy(String name, Long src, Long dest) {
        return new PolicyJson(null, name, null, src == null ? null : new PolicyJson.RegistryRef(src, null),
                dest == null ? null : new PolicyJson.RegistryRef(dest, null), null, null, null, null, true, null, null, true, -5, null,
                null, null);
    }

    RemoteRegistry registry(String name) {
        return endpoints.create(new RegistryRequest(null, name, "docker-registry", "http://127.0.0.1:9/", null, null, "mirror", "s3cret",
                null, null, null));
    }

    @Test
    void aRegistrysSecretIsSealedAndMaskedAndItsNameUnique() {
        Callers.actAs(Callers.admin());
        String name = unique("reg");
        RemoteRegistry registry = registry(name);
        assertThat(registry.url).isEqualTo("http://127.0.0.1:9");
        assertThat(registry.sealedSecret).startsWith("v1:").doesNotContain("s3cret");
        assertThat(RegistryEndpointService.view(endpoints.find(registry.id)).credential().accessSecret()).isEqualTo("*****");
        assertThat(status(() -> registry(name))).isEqualTo(409);
        assertThat(status(() -> endpoints.update(registry.id, new RegistryRequest(null, null, "aws-ecr", null, null, null, null, null, null,
                null, null)))).isEqualTo(400);
        assertThat(endpoints.list(null, name.substring(1).toUpperCase(), Paging.of(1, 10)).items()).extracting(RegistryEndpointService.RegistryJson::name)
                .containsExactly(name);
        assertThat(status(() -> endpoints.find(424_242))).isEqualTo(404);
    }

    @Test
    void aPolicyReplicatesBetweenThisBerthAndOneRegistryWhichItKeeps() {
        Callers.actAs(Callers.admin());
        RemoteRegistry registry = registry(unique("target"));
        String name = unique("push");
        ReplicationPolicy policy = policies.create(policy(name, null, registry.id));
        assertThat(policy.replicateDeletion).isTrue();
        assertThat(policy.speed).isZero();
        assertThat(PolicyService.view(policies.find(policy.id)).srcRegistry().name()).isEqualTo("Local");
        assertThat(status(() -> policies.create(policy(name, null, registry.id)))).isEqualTo(409);
        assertThat(status(() -> policies.create(policy(unique("both"), registry.id, registry.id)))).isEqualTo(400);
        assertThat(status(() -> policies.create(policy(unique("none"), null, 424_242L)))).isEqualTo(404);
        assertThat(status(() -> endpoints.delete(registry.id))).isEqualTo(412);

        policies.update(policy.id, policy(name, null, registry.id));
        policies.delete(policy.id);
        assertThat(QuarkusTransaction.requiringNew().call(() -> status(() -> policies.find(policy.id)))).isEqualTo(404);
        endpoints.delete(registry.id);
        List<String> audit = QuarkusTransaction.requiringNew().call(() -> AuditEntry.<AuditEntry>list("resource = ?1 order by id", name)
                .stream().map(a -> a.operation + " " + a.resourceType).toList());
        assertThat(audit).containsExactly("create replication_policy", "update replication_policy", "delete replication_policy");
    }
}

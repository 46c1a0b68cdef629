package io.berth.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Generated secrets are made once: an upgrade finds them in the cluster (lookup) and keeps them, and the pods do not roll. */
class ChartUpgradeTest {

    @AfterEach
    void uninstall() {
        FakeCluster.clear();
    }

    @Test
    void anUpgradeKeepsEveryGeneratedSecret() {
        Rendered install = Rendered.render(List.of());
        Rendered again = Rendered.render(List.of());
        assertThat(again.secretValue("berth-admin", "BERTH_ADMIN_PASSWORD"))
                .as("without the installed Secrets, a render generates new ones")
                .isNotEqualTo(install.secretValue("berth-admin", "BERTH_ADMIN_PASSWORD"));

        FakeCluster.install(install.all(Secret.class), Rendered.NAMESPACE);
        Rendered upgrade = Rendered.render(List.of(), "core.replicas", 2);
        for (Secret s : install.all(Secret.class)) {
            assertThat(upgrade.get(Secret.class, s.getMetadata().getName()).getData()).as(s.getMetadata().getName())
                    .isEqualTo(s.getData());
        }
        assertThat(install.all(Secret.class)).extracting(s -> s.getMetadata().getName())
                .contains("berth-admin", "berth-secret-key", "berth-token", "berth-database", "berth-tls");
        String checksum = "checksum/secrets";
        assertThat(Rendered.render(List.of()).deployment("core").getSpec().getTemplate().getMetadata().getAnnotations().get(checksum))
                .as("the same secrets, the same checksum: an upgrade that changes nothing rolls nothing")
                .isEqualTo(upgrade.deployment("core").getSpec().getTemplate().getMetadata().getAnnotations().get(checksum));
    }

    @Test
    void aChangedConfigurationRollsThePods() {
        FakeCluster.install(Rendered.render(List.of()).all(Secret.class), Rendered.NAMESPACE);
        String before = Rendered.render(List.of()).deployment("registry").getSpec().getTemplate().getMetadata()
                .getAnnotations().get("checksum/config");
        String after = Rendered.render(List.of(), "logLevel", "debug").deployment("registry").getSpec().getTemplate().getMetadata()
                .getAnnotations().get("checksum/config");
        assertThat(after).isNotEqualTo(before);
    }
}

package io.berth.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** deploy/kubernetes/berth.yaml is what the chart renders with deploy/kubernetes/values.yaml, byte for byte. */
class PlainManifestsTest {
    static final Path DIR = Path.of(System.getProperty("berth.manifests", "kubernetes"));

    @Test
    void theCommittedManifestsAreTheChartRenderedNow() throws Exception {
        String fresh = PlainManifests.render(Rendered.CHART, DIR.resolve("values.yaml"));
        Path committed = DIR.resolve(PlainManifests.FILE);
        assertThat(committed).as("deploy/kubernetes/berth.yaml: run mvn -pl deploy -am -Pmanifests process-test-classes").exists();
        assertThat(Files.readString(committed))
                .as("deploy/kubernetes/berth.yaml differs from the chart rendered now: it is generated, never edited. "
                        + "Run `mvn -pl deploy -am -Pmanifests process-test-classes` and commit the result")
                .isEqualTo(fresh);
    }

    @Test
    void theyHoldNoSecretAndParse() throws Exception {
        Rendered manifests = Rendered.parse(Files.readString(DIR.resolve(PlainManifests.FILE)));
        assertThat(manifests.all(Secret.class)).as("every secret is one the user creates").isEmpty();
        assertThat(manifests.all(Deployment.class)).hasSize(5);
        assertThat(manifests.envVar("core", "BERTH_ADMIN_PASSWORD").getValueFrom().getSecretKeyRef().getName()).isEqualTo("berth-admin");
    }
}

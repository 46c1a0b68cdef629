package io.berth.jobs.secrets;

import io.berth.common.config.DeploymentConfig;
import io.berth.common.secret.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;

/** Opens what core sealed with the shared {@code secret_key_file} (registry credentials, webhook secrets); read at first use. */
@ApplicationScoped
public class SealedSecrets {
    private final DeploymentConfig deployment;
    private volatile SecretBox box;

    SealedSecrets(DeploymentConfig deployment) {
        this.deployment = deployment;
    }

    /** The plain text of {@code sealed}; null stays null. */
    public String open(String sealed) throws IOException {
        return sealed == null ? null : box().decrypt(sealed);
    }

    private SecretBox box() throws IOException {
        if (box == null) {
            box = SecretBox.fromFile(Path.of(deployment.secretKeyFile()));
        }
        return box;
    }
}

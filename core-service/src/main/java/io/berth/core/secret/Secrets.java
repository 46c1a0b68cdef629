package io.berth.core.secret;

import io.berth.common.config.DeploymentConfig;
import io.berth.common.secret.SecretBox;
import io.berth.service.db.StartupFailure;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;

/** The secret box of {@code secret_key_file}, which seals remote registry credentials at rest. */
@ApplicationScoped
public class Secrets {
    private final SecretBox box;

    Secrets(DeploymentConfig config) {
        try {
            this.box = SecretBox.fromFile(Path.of(config.secretKeyFile()));
        } catch (IOException | RuntimeException e) {
            throw new StartupFailure("berth.secret_key_file: cannot read or create the secret key: " + e.getMessage());
        }
    }

    public String seal(String plain) {
        return box.encrypt(plain);
    }

    public String open(String sealed) {
        return box.decrypt(sealed);
    }
}

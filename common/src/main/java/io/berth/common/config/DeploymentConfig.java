package io.berth.common.config;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * The keys at the top of berth.yaml, those of the deployment as a whole. Each concern has a mapping
 * of its own under the same prefix ({@link DatabaseConfig} is {@code berth.database}, …), and a
 * process injects only those it reads. Every key has its default in {@code berth-defaults.yaml} and is
 * described in docs/configuration.md; every key can be overridden by an environment variable.
 * This mapping's prefix is the root {@code berth}: a key under it that no mapping knows stops the process.
 * So that a service knows every key, not only those of the mappings it injects, each mapping is
 * {@link Unremovable} (Quarkus registers a mapping nobody injects only then); the launcher and plain
 * tests get them all from {@link BerthConfigLoader}.
 */
@Unremovable
@ConfigMapping(prefix = BerthConfigFile.PREFIX, namingStrategy = ConfigMapping.NamingStrategy.SNAKE_CASE)
public interface DeploymentConfig {

    /** The URL clients use to reach Berth (the gateway); token realms and links are built from it. */
    String externalUrl();

    /** Password of the {@code admin} user, applied on first start only. */
    Optional<String> adminPassword();

    /** Directory for everything Berth keeps on local disk (storage, embedded servers, logs, pid files). */
    String dataDir();

    /** File of the AES key that seals secrets kept at rest; every service of a deployment must share it. */
    String secretKeyFile();
}

package io.berth.common.config;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** {@code berth.core}: core-service, read by itself and by the gateway, which routes to it. */
@Unremovable
@ConfigMapping(prefix = BerthConfigFile.PREFIX + ".core", namingStrategy = ConfigMapping.NamingStrategy.SNAKE_CASE)
public interface CoreConfig extends ServiceConfig {
    /**
     * Failed logins for one account from one address within the window after which that address's logins to it
     * are refused until the window passes; failures from all addresses only slow wrong passwords down.
     */
    int loginFailuresPerAccount();

    /** Failed logins from one client address within the window after which its logins are refused. */
    int loginFailuresPerAddress();

    Duration loginFailureWindow();

    /**
     * The storage hard limit (bytes) a new project gets when its creator asks for none; -1: unlimited. Harbor's
     * {@code storage_per_project}.
     */
    long storagePerProject();

    /**
     * How often core looks for schedules that are due (replication policies, garbage collection, scrub, audit-log
     * purge): a schedule fires within this of its instant.
     */
    Duration scheduleInterval();

    /**
     * How long a call to the auth proxy ({@code http_auth}: its endpoint or its token review) may take, connection
     * included, before the login fails with a clear 503.
     */
    Duration authproxyTimeout();

    /**
     * How long an OIDC user's CLI secret is accepted on the strength of the provider's last word: after this, the next
     * use of the CLI secret refreshes the OIDC session with the stored refresh token first, so a user disabled at the
     * provider loses access within it.
     */
    Duration oidcRefreshInterval();
}

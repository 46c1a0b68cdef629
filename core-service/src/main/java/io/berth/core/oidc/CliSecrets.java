package io.berth.core.oidc;

import io.berth.common.error.HarborException;
import io.berth.core.audit.AuditLog;
import io.berth.core.configuration.Configurations;
import io.berth.core.identity.PasswordPolicy;
import io.berth.core.secret.Secrets;
import io.berth.core.user.OidcUserMeta;
import io.berth.core.user.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;

/** OIDC users' CLI secrets: shown with the user ({@link OidcUserMeta}) and set by them ({@code PUT /users/{id}/cli_secret}). */
@ApplicationScoped
public class CliSecrets implements OidcUserMeta.Source {
    private final Secrets secrets;
    private final Configurations configurations;
    private final AuditLog audit;

    CliSecrets(Secrets secrets, Configurations configurations, AuditLog audit) {
        this.secrets = secrets;
        this.configurations = configurations;
        this.audit = audit;
    }

    @Override
    @Transactional
    public Optional<OidcUserMeta> of(long userId, boolean withSecret) {
        return Optional.ofNullable(OidcUser.byUserId(userId)).map(o -> new OidcUserMeta(o.id, o.userId, o.subiss(),
                withSecret ? secrets.open(o.secret) : null, o.creationTime, o.updateTime, o.adminInAuth));
    }

    /** Replaces a user's CLI secret with one of Harbor's password rule; 412 outside oidc_auth, 404 for a user who is not an OIDC user. */
    @Transactional
    public void set(long userId, String secret) {
        if (!"oidc_auth".equals(configurations.authMode())) {
            throw HarborException.preconditionFailed("CLI secrets exist only in auth_mode oidc_auth");
        }
        User user = HarborException.found(User.findById(userId), "user " + userId);
        OidcUser oidc = OidcUser.byUserId(userId);
        if (oidc == null) {
            throw HarborException.notFound("the user " + user.username + " is not an OIDC user and has no CLI secret");
        }
        oidc.secret = secrets.seal(PasswordPolicy.check(secret, "CLI secret"));
        audit.success(null, user.username, "user", "set CLI secret");
    }
}

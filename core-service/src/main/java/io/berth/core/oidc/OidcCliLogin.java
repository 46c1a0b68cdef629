package io.berth.core.oidc;

import io.berth.common.config.CoreConfig;
import io.berth.common.error.HarborException;
import io.berth.core.configuration.Configurations;
import io.berth.core.identity.Caller;
import io.berth.core.secret.Secrets;
import io.berth.core.user.User;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * Logins with a CLI secret in {@code oidc_auth} mode ({@code docker login}, the token service, the API with Basic
 * auth): every user but {@code admin} (who stays in the database) is an onboarded OIDC user whose password is their
 * CLI secret. The secret alone is trusted for {@code core.oidc_refresh_interval} after the provider last confirmed the
 * user's session; the first use after that refreshes the session with the stored refresh token first, so a user the
 * provider disabled (the refresh is refused) loses access then, and their oidc_admin_group membership follows the
 * provider. Concurrent uses refresh once: the refresh holds the user's oidc_user row, and the others find it fresh.
 */
@ApplicationScoped
public class OidcCliLogin {
    private static final String ADMIN = "admin";

    private final Configurations configurations;
    private final Secrets secrets;
    private final OidcProvider provider;
    private final IdTokenVerifier verifier;
    private final OidcGroups groups;
    private final Duration refreshInterval;

    OidcCliLogin(Configurations configurations, Secrets secrets, OidcProvider provider, IdTokenVerifier verifier, OidcGroups groups,
            CoreConfig config) {
        this.configurations = configurations;
        this.secrets = secrets;
        this.provider = provider;
        this.verifier = verifier;
        this.groups = groups;
        this.refreshInterval = config.oidcRefreshInterval();
    }

    /** Whether this name logs in with a CLI secret (oidc_auth, and not the admin). */
    public boolean applies(String name) {
        return "oidc_auth".equals(configurations.authMode()) && !ADMIN.equals(name);
    }

    /** The caller; null for an unknown user or a wrong secret; 401 when the provider refuses the refresh, 503 when it cannot answer. */
    public Caller login(String name, String secret) {
        record Found(User user, OidcUser oidc) {}
        Found found = QuarkusTransaction.requiringNew().call(() -> {
            User user = User.byName(name);
            OidcUser oidc = user == null ? null : OidcUser.byUserId(user.id);
            return oidc == null ? null : new Found(user, oidc);
        });
        if (found == null || !Tokens.equal(secrets.open(found.oidc().secret), secret)) {
            return null;
        }
        if (!due(found.oidc())) {
            return OidcUsers.caller(found.user(), found.oidc());
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            OidcUser oidc = OidcUser.findById(found.oidc().id, LockModeType.PESSIMISTIC_WRITE);
            if (oidc == null) {
                return null;
            }
            if (due(oidc)) {
                refresh(oidc, found.user());
            }
            return OidcUsers.caller(found.user(), oidc);
        });
    }

    private boolean due(OidcUser oidc) {
        return !oidc.refreshedAt.plus(refreshInterval).isAfter(OffsetDateTime.now());
    }

    private void refresh(OidcUser oidc, User user) {
        if (oidc.refreshToken == null) {
            throw HarborException.unauthorized("the OIDC session of " + user.username + " cannot be refreshed (the provider gave no "
                    + "refresh token; oidc_scope needs offline_access): log in to the portal again");
        }
        OidcSettings settings = OidcSettings.of(configurations).usable();
        OidcProvider.TokenAnswer answer = provider.refresh(settings, secrets.open(oidc.refreshToken));
        if (!answer.idToken().isEmpty()) {
            OidcIdentity identity = verifier.verify(settings, answer.idToken(), null, oidc.subject);
            oidc.adminInAuth = identity.inAdminGroup(settings);
            groups.record(OidcUsers.caller(user, oidc), identity.groups());
        }
        if (answer.refreshToken() != null) {
            oidc.refreshToken = secrets.seal(answer.refreshToken());
        }
        oidc.refreshedAt = OffsetDateTime.now();
    }
}

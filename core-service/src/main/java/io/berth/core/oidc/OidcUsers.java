package io.berth.core.oidc;

import io.berth.common.error.HarborException;
import io.berth.core.audit.AuditLog;
import io.berth.core.identity.Caller;
import io.berth.core.identity.PasswordHasher;
import io.berth.core.secret.Secrets;
import io.berth.core.user.User;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;

/**
 * The Berth users behind provider identities: onboarding (a new user with an unusable local password and a CLI
 * secret), and what each login or refresh records (the refresh token, when the provider last confirmed the session,
 * membership of oidc_admin_group). An identity is only ever linked to the user onboarded for it: a name already
 * taken by another user is a 409, never a link to that user.
 */
@ApplicationScoped
public class OidcUsers {
    private final Secrets secrets;
    private final PasswordHasher hasher;
    private final AuditLog audit;

    OidcUsers(Secrets secrets, PasswordHasher hasher, AuditLog audit) {
        this.secrets = secrets;
        this.hasher = hasher;
        this.audit = audit;
    }

    /** The caller an onboarded identity logs in as, after recording this login; null if the identity is not onboarded. */
    public Caller loggedIn(OidcIdentity identity, String refreshToken, boolean admin) {
        return QuarkusTransaction.requiringNew().call(() -> {
            OidcUser known = OidcUser.byIdentity(identity.issuer(), identity.subject());
            if (known == null) {
                return null;
            }
            if (refreshToken != null) {
                known.refreshToken = secrets.seal(refreshToken);
            }
            known.refreshedAt = OffsetDateTime.now();
            known.adminInAuth = admin;
            return caller(User.findById(known.userId), known);
        });
    }

    /** Onboards an identity as a new user named {@code username}; 400 for a name Berth refuses, 409 for one taken. */
    public Caller onboard(OidcIdentity identity, String username, String refreshToken, boolean admin, String clientAddress) {
        OnboardingNames.check(username);
        String unusable = hasher.hash(Tokens.random());
        return QuarkusTransaction.requiringNew().call(() -> {
            if (OidcUser.byIdentity(identity.issuer(), identity.subject()) != null) {
                throw HarborException.conflict("this OIDC identity is already onboarded");
            }
            if (User.byName(username) != null) {
                throw HarborException.conflict("the user " + username + " already exists; choose another name");
            }
            User user = new User();
            user.username = username;
            user.email = identity.email() == null || User.count("email", identity.email()) > 0 ? null : identity.email();
            user.realname = identity.realname() == null ? "" : identity.realname();
            user.comment = "onboarded from OIDC";
            user.passwordHash = unusable;
            user.persist();
            OidcUser oidc = new OidcUser();
            oidc.userId = user.id;
            oidc.issuer = identity.issuer();
            oidc.subject = identity.subject();
            oidc.secret = secrets.seal(Tokens.cliSecret());
            oidc.refreshToken = refreshToken == null ? null : secrets.seal(refreshToken);
            oidc.refreshedAt = OffsetDateTime.now();
            oidc.adminInAuth = admin;
            oidc.persist();
            audit.record(user.username, null, user.username, "user", "create", "success: onboarded from OIDC", clientAddress);
            return caller(user, oidc);
        });
    }

    static Caller caller(User user, OidcUser oidc) {
        return new Caller(Caller.Kind.USER, user.id, user.username, user.sysadmin || oidc.adminInAuth);
    }
}

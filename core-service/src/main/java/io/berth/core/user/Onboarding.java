package io.berth.core.user;

import io.berth.core.audit.AuditLog;
import io.berth.core.identity.PasswordHasher;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Users that an outside source of identity (LDAP, an auth proxy) vouched for, created in Berth on their first login:
 * an unusable local password (they never log in from the database), an e-mail only if no other user has it, and an
 * audit entry naming the source. A user who exists already is returned as they are.
 */
@ApplicationScoped
public class Onboarding {
    /** What the source says about a user. */
    public record Profile(String username, String email, String realname, String comment) {}

    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final SecureRandom random = new SecureRandom();

    Onboarding(PasswordHasher hasher, AuditLog audit) {
        this.hasher = hasher;
        this.audit = audit;
    }

    /** The user of this name, onboarded from {@code source} (e.g. "LDAP") at their own first login if new. */
    public User onboard(Profile profile, String source, String clientAddress) {
        return onboard(profile, source, null, clientAddress);
    }

    /** The same, done by {@code operator} (e.g. an administrator's import; null: the user), who is audited as who did it. */
    public User onboard(Profile profile, String source, String operator, String clientAddress) {
        User known = QuarkusTransaction.requiringNew().call(() -> User.byName(profile.username()));
        if (known != null) {
            return known;
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String unusable = hasher.hash(Base64.getEncoder().encodeToString(bytes));
        try {
            return QuarkusTransaction.requiringNew().call(() -> create(profile, unusable, source, operator, clientAddress));
        } catch (RuntimeException e) {
            // the same user's first two logins at once: the other one created it (users.username is unique)
            User raced = QuarkusTransaction.requiringNew().call(() -> User.byName(profile.username()));
            if (raced == null) {
                throw e;
            }
            return raced;
        }
    }

    private User create(Profile profile, String unusable, String source, String operator, String clientAddress) {
        User user = new User();
        user.username = profile.username();
        user.email = profile.email() == null || User.count("email", profile.email()) > 0 ? null : profile.email();
        user.realname = profile.realname() == null ? "" : profile.realname();
        user.comment = profile.comment();
        user.passwordHash = unusable;
        user.persist();
        audit.record(operator == null ? user.username : operator, null, user.username, "user", "create", "success: onboarded from " + source, clientAddress);
        return user;
    }
}

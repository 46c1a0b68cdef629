package io.berth.core.ldap;

import io.berth.core.audit.AuditLog;
import io.berth.core.identity.PasswordHasher;
import io.berth.core.user.User;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Turns a directory entry into a Berth user, on a first login ({@link LdapLogin}) or an import ({@link LdapService}):
 * name from {@code ldap_uid}, e-mail (unless another user has it) and real name from the entry, an unusable local
 * password; audited. A user that exists already is returned as it is.
 */
@ApplicationScoped
class LdapOnboarding {
    private final PasswordHasher hasher;
    private final AuditLog audit;

    LdapOnboarding(PasswordHasher hasher, AuditLog audit) {
        this.hasher = hasher;
        this.audit = audit;
    }

    /** The user of this entry, created if new in a transaction of its own; {@code operator} (null: the user) is audited as who did it. */
    User onboard(LdapDirectory.Entry entry, String operator, String clientAddress) {
        User known = QuarkusTransaction.requiringNew().call(() -> User.byName(entry.username()));
        if (known != null) {
            return known;
        }
        String unusable = unusablePassword(); // hashed outside the transaction: it is slow on purpose
        return QuarkusTransaction.requiringNew().call(() -> {
            User user = new User();
            user.username = entry.username();
            user.email = entry.email() == null || User.count("email", entry.email()) > 0 ? null : entry.email();
            user.realname = entry.realname();
            user.comment = "onboarded from LDAP: " + entry.dn();
            user.passwordHash = unusable;
            user.persist();
            audit.record(operator == null ? user.username : operator, null, user.username, "user", "create",
                    "success: onboarded from LDAP", clientAddress);
            return user;
        });
    }

    private String unusablePassword() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return hasher.hash(Base64.getEncoder().encodeToString(bytes));
    }
}

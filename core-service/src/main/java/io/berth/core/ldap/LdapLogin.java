package io.berth.core.ldap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.berth.core.audit.AuditLog;
import io.berth.core.configuration.ConfigKey;
import io.berth.core.configuration.Configurations;
import io.berth.core.identity.Caller;
import io.berth.core.identity.PasswordHasher;
import io.berth.core.user.User;
import io.berth.core.usergroup.GroupMemberships;
import io.berth.core.usergroup.GroupRef;
import io.berth.core.usergroup.GroupType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Logins in {@code ldap_auth} mode: every user but {@code admin} is checked against the directory
 * ({@link LdapDirectory}), and onboarded as a Berth user on their first login (name from {@code ldap_uid}, e-mail and
 * real name from the entry, an unusable local password). A successful check is remembered for {@link #REMEMBERED} as a
 * peppered SHA-256 of name and password, so that the token requests of {@code docker pull} do not each ask the
 * directory; a changed password or a disabled account takes effect within it. Each check of the directory also reads the
 * user's LDAP groups ({@link LdapGroups}) and records them for {@code berth.core.group_membership_lifetime}
 * ({@link GroupMemberships}); a member of {@code ldap_group_admin_dn} is a system administrator while that membership is
 * current.
 */
@ApplicationScoped
public class LdapLogin {
    static final Duration REMEMBERED = Duration.ofMinutes(1);
    private static final String ADMIN = "admin";

    private final Configurations configurations;
    private final LdapDirectory directory;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final LdapGroups groups;
    private final GroupMemberships memberships;
    private final Duration membershipLifetime;
    private final byte[] pepper = new byte[32];
    private final Cache<String, byte[]> recentlyVerified = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(REMEMBERED).build();

    LdapLogin(Configurations configurations, LdapDirectory directory, PasswordHasher hasher, AuditLog audit, LdapGroups groups,
            GroupMemberships memberships, @ConfigProperty(name = "berth.core.group_membership_lifetime", defaultValue = "1h") Duration lifetime) {
        this.groups = groups;
        this.memberships = memberships;
        this.membershipLifetime = lifetime;
        this.configurations = configurations;
        this.directory = directory;
        this.hasher = hasher;
        this.audit = audit;
        new SecureRandom().nextBytes(pepper);
    }

    /** Whether this name logs in against the directory (ldap_auth, and not the admin, who stays in the database). */
    public boolean applies(String name) {
        return "ldap_auth".equals(configurations.authMode()) && !ADMIN.equals(name);
    }

    /** The caller, onboarded if new; null for wrong credentials; 503 when the directory cannot answer within ldap_timeout. */
    public Caller login(String name, String password, String clientAddress) {
        byte[] fingerprint = fingerprint(name, password);
        byte[] known = recentlyVerified.getIfPresent(name);
        if (known != null && MessageDigest.isEqual(known, fingerprint)) {
            User user = QuarkusTransaction.requiringNew().call(() -> User.byName(name));
            if (user != null) {
                String adminDn = (String) configurations.value(ConfigKey.LDAP_GROUP_ADMIN_DN);
                boolean admin = !adminDn.isEmpty() && memberships.inLdapGroup(user.id, adminDn);
                return new Caller(Caller.Kind.USER, user.id, user.username, user.sysadmin || admin);
            }
        }
        Optional<LdapDirectory.Entry> entry = directory.authenticate(LdapSettings.of(configurations), name, password);
        if (entry.isEmpty()) {
            return null;
        }
        User user = onboard(entry.get(), clientAddress);
        List<GroupRef> userGroups = groups.ofUser(entry.get().dn());
        memberships.recordLogin(user.id, GroupType.LDAP.code, userGroups, membershipLifetime);
        recentlyVerified.put(name, fingerprint);
        return new Caller(Caller.Kind.USER, user.id, user.username, user.sysadmin || groups.includesAdminGroup(userGroups));
    }

    private User onboard(LdapDirectory.Entry entry, String clientAddress) {
        User known = QuarkusTransaction.requiringNew().call(() -> User.byName(entry.username()));
        if (known != null) {
            return known;
        }
        String unusable = hasher.hash(Base64.getEncoder().encodeToString(random(32)));
        return QuarkusTransaction.requiringNew().call(() -> {
            User user = new User();
            user.username = entry.username();
            user.email = entry.email() == null || User.count("email", entry.email()) > 0 ? null : entry.email();
            user.realname = entry.realname();
            user.comment = "onboarded from LDAP: " + entry.dn();
            user.passwordHash = unusable;
            user.persist();
            audit.record(user.username, null, user.username, "user", "create", "success: onboarded from LDAP", clientAddress);
            return user;
        });
    }

    private byte[] fingerprint(String name, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(pepper);
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return sha.digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}

package io.berth.core.ldap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.berth.core.configuration.Configurations;
import io.berth.core.identity.Caller;
import io.berth.core.user.User;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;

/**
 * Logins in {@code ldap_auth} mode: every user but {@code admin} is checked against the directory
 * ({@link LdapDirectory}), and onboarded as a Berth user on their first login ({@link LdapOnboarding}). A
 * successful check is remembered for {@link #REMEMBERED} as a peppered SHA-256 of name and password, so that the
 * token requests of {@code docker pull} do not each ask the directory; a changed password or a disabled account
 * takes effect within it.
 */
@ApplicationScoped
public class LdapLogin {
    static final Duration REMEMBERED = Duration.ofMinutes(1);
    private static final String ADMIN = "admin";

    private final Configurations configurations;
    private final LdapDirectory directory;
    private final LdapOnboarding onboarding;
    private final byte[] pepper = new byte[32];
    private final Cache<String, byte[]> recentlyVerified = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(REMEMBERED).build();

    LdapLogin(Configurations configurations, LdapDirectory directory, LdapOnboarding onboarding) {
        this.configurations = configurations;
        this.directory = directory;
        this.onboarding = onboarding;
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
                return new Caller(Caller.Kind.USER, user.id, user.username, user.sysadmin);
            }
        }
        Optional<LdapDirectory.Entry> entry = directory.authenticate(LdapSettings.of(configurations), name, password);
        if (entry.isEmpty()) {
            return null;
        }
        User user = onboarding.onboard(entry.get(), null, clientAddress);
        recentlyVerified.put(name, fingerprint);
        return new Caller(Caller.Kind.USER, user.id, user.username, user.sysadmin);
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
}

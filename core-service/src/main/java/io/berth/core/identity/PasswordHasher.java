package io.berth.core.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.util.ModularCrypt;

/**
 * Passwords and robot secrets are stored as bcrypt (cost 10, salted, modular crypt format),
 * verified in constant time. A verification that succeeded is remembered for a minute as a peppered
 * SHA-256, because every {@code docker pull} asks the token service again and bcrypt is meant to be slow.
 */
@ApplicationScoped
public class PasswordHasher {
    private static final int COST = 10;
    private static final String DUMMY = BcryptUtil.bcryptHash("berth-timing-equalizer", COST);

    private final byte[] pepper = new byte[32];
    private final Cache<String, byte[]> recentlyVerified = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(1)).build();
    private final LongAdder bcryptChecks = new LongAdder();

    public PasswordHasher() {
        new SecureRandom().nextBytes(pepper);
    }

    public String hash(String password) {
        return BcryptUtil.bcryptHash(password, COST);
    }

    /** Whether {@code password} matches {@code hash} (null hash: a missing account, checked against a dummy to take the same time). */
    public boolean verify(String account, String password, String hash) {
        byte[] fingerprint = fingerprint(account, password, hash == null ? "" : hash);
        byte[] known = recentlyVerified.getIfPresent(account);
        if (known != null && MessageDigest.isEqual(known, fingerprint)) {
            return true;
        }
        bcryptChecks.increment();
        boolean ok = bcrypt(password, hash == null ? DUMMY : hash) && hash != null;
        if (ok) {
            recentlyVerified.put(account, fingerprint);
        }
        return ok;
    }

    /** Forgets a remembered verification, after a password change, deletion or disabling. */
    public void forget(String account) {
        recentlyVerified.invalidate(account);
    }

    /** How many verifications paid for bcrypt (the others were remembered). */
    long bcryptChecks() {
        return bcryptChecks.sum();
    }

    private static boolean bcrypt(String password, String hash) {
        try {
            PasswordFactory factory = PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT);
            BCryptPassword stored = (BCryptPassword) factory.translate(ModularCrypt.decode(hash));
            return factory.verify(stored, password.toCharArray());
        } catch (Exception e) {
            return false;
        }
    }

    private byte[] fingerprint(String account, String password, String hash) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(pepper);
            sha.update(account.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(hash.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return sha.digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

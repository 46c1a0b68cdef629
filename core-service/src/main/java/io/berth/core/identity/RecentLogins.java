package io.berth.core.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;

/**
 * Logins that an outside source of identity (a directory, an auth proxy) accepted within the last {@code window}, so
 * that the token requests of one {@code docker pull} do not each ask it again. Only a peppered SHA-256 of name and
 * secret is kept (the pepper is random per process), with what the source said about the user; a changed password or a
 * disabled account takes effect within the window.
 */
public final class RecentLogins<T> {
    private record Remembered<T>(byte[] fingerprint, T facts) {}

    private final byte[] pepper = new byte[32];
    private final Cache<String, Remembered<T>> recent;

    public RecentLogins(Duration window) {
        new SecureRandom().nextBytes(pepper);
        recent = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(window).build();
    }

    /** What was remembered with this name and secret, if it was accepted within the window. */
    public Optional<T> recall(String name, String secret) {
        Remembered<T> known = recent.getIfPresent(name);
        return known != null && MessageDigest.isEqual(known.fingerprint(), fingerprint(name, secret))
                ? Optional.of(known.facts()) : Optional.empty();
    }

    public void remember(String name, String secret, T facts) {
        recent.put(name, new Remembered<>(fingerprint(name, secret), facts));
    }

    private byte[] fingerprint(String name, String secret) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(pepper);
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return sha.digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

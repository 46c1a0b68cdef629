package io.berth.registry.testing;

import io.berth.common.digest.DigestAlgorithm;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.UUID;

/** Test content and names. */
public final class Blobs {
    private Blobs() {}

    public static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    public static String sha256(byte[] content) {
        return DigestAlgorithm.SHA256.digest(content).toString();
    }

    public static String sha256(String content) {
        return sha256(content.getBytes(StandardCharsets.UTF_8));
    }

    /** A repository name no other test uses: {@code project/test-<random>}. */
    public static String repository(String project) {
        return project + "/test-" + UUID.randomUUID().toString().substring(0, 8);
    }
}

package io.berth.common.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Berth's webhook signature (beyond Harbor): {@value #HEADER}{@code : sha256=<hex>}, the HMAC-SHA256 of the exact
 * body bytes under the policy's secret. Receivers recompute it and compare in constant time.
 */
public final class WebhookSignature {
    public static final String HEADER = "X-Berth-Signature";
    public static final String EVENT_ID_HEADER = "X-Berth-Event-Id";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {}

    /** {@code sha256=<hex of HMAC-SHA256(secret, body)>}. */
    public static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** Whether {@code header} is the signature of {@code body} under {@code secret} (constant-time). */
    public static boolean verify(String secret, byte[] body, String header) {
        return header != null && MessageDigest.isEqual(sign(secret, body).getBytes(StandardCharsets.US_ASCII),
                header.getBytes(StandardCharsets.US_ASCII));
    }

    /** A new random secret: 32 bytes, hex. */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}

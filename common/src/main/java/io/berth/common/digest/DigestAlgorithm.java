package io.berth.common.digest;

import io.berth.common.error.OciErrorCode;
import io.berth.common.error.OciException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The digest algorithms Berth verifies content with. */
public enum DigestAlgorithm {
    SHA256("sha256", "SHA-256", 64),
    SHA512("sha512", "SHA-512", 128);

    private final String prefix;
    private final String jcaName;
    private final int hexLength;

    DigestAlgorithm(String prefix, String jcaName, int hexLength) {
        this.prefix = prefix;
        this.jcaName = jcaName;
        this.hexLength = hexLength;
    }

    public static DigestAlgorithm of(String prefix) {
        for (DigestAlgorithm a : values()) {
            if (a.prefix.equals(prefix)) {
                return a;
            }
        }
        throw new OciException(OciErrorCode.UNSUPPORTED, "digest algorithm " + prefix + " is not supported (use sha256 or sha512)");
    }

    public String prefix() {
        return prefix;
    }

    public int hexLength() {
        return hexLength;
    }

    public MessageDigest newMessageDigest() {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jcaName + " is missing from this JVM", e);
        }
    }

    public Digest digest(byte[] content) {
        return new Digest(this, java.util.HexFormat.of().formatHex(newMessageDigest().digest(content)));
    }

    public Digest of(MessageDigest finished) {
        return new Digest(this, java.util.HexFormat.of().formatHex(finished.digest()));
    }
}

package io.berth.common.digest;

import io.berth.common.error.OciErrorCode;
import io.berth.common.error.OciException;
import java.util.regex.Pattern;

/**
 * A content digest, {@code <algorithm>:<hex>}, as the OCI image spec defines it. Berth computes and
 * verifies sha256 (the default) and sha512; other well-formed algorithms are refused as unsupported.
 */
public record Digest(DigestAlgorithm algorithm, String hex) {
    // The algorithm's repetition is possessive (*+): java.util.regex recurses once per repetition of a
    // greedy group, so a long algorithm such as a.a.a.….a:x overflowed the stack (from ~1,800 components);
    // giving nothing back loses no match, since what follows a component is ':' or another separator.
    private static final Pattern GRAMMAR = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*+:[a-zA-Z0-9=_-]+");

    public Digest {
        if (hex.length() != algorithm.hexLength() || !hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw new OciException(OciErrorCode.DIGEST_INVALID, "invalid " + algorithm.prefix() + " digest: " + hex);
        }
    }

    /** Parses a digest from a request; a malformed one is DIGEST_INVALID, an unknown algorithm UNSUPPORTED. */
    public static Digest parse(String text) {
        if (text == null || !GRAMMAR.matcher(text).matches()) {
            throw new OciException(OciErrorCode.DIGEST_INVALID, "invalid digest: " + text);
        }
        int colon = text.indexOf(':');
        DigestAlgorithm algorithm = DigestAlgorithm.of(text.substring(0, colon));
        return new Digest(algorithm, text.substring(colon + 1));
    }

    public static boolean looksLikeDigest(String reference) {
        return reference.indexOf(':') > 0;
    }

    @Override
    public String toString() {
        return algorithm.prefix() + ":" + hex;
    }
}

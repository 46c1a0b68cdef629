package io.berth.common.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.berth.common.error.ErrorBodies;
import io.berth.common.error.OciErrorCode;
import io.berth.common.error.OciException;
import io.berth.common.oci.Tag;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Digest#parse} on any text answers a digest, DIGEST_INVALID or UNSUPPORTED, as a hand-written
 * reading of the OCI grammar says; an accepted digest prints back as given. Seeds:
 * {@code src/test/resources/io/berth/common/digest/DigestFuzzTestInputs/parse/}.
 */
class DigestFuzzTest {

    @FuzzTest(maxDuration = "5s")
    @Timeout(10)
    @DictionaryEntries({"sha256:", "sha512:", "sha384:", "+", ".", "_", "-", "="})
    void parse(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        OciErrorCode expected = expectedRefusal(text);
        Digest digest;
        try {
            digest = Digest.parse(text);
        } catch (OciException e) {
            assertThat(e.code()).as("refusal of %s", text).isEqualTo(expected);
            assertThat(ErrorBodies.oci(e)).contains(e.code().wireCode());
            return;
        }
        assertThat(expected).as("accepted %s", text).isNull();
        assertThat(digest.toString()).isEqualTo(text);
        assertThat(Digest.parse(digest.toString())).isEqualTo(digest);
        assertThat(digest.hex()).hasSize(digest.algorithm().hexLength());
        assertThat(Digest.looksLikeDigest(text)).isTrue();
        assertThat(Tag.isValid(text)).isFalse();
    }

    @Test
    void aLongAlgorithmIsDigestInvalidNotAStackOverflow() {
        // java.util.regex recursed once per algorithm component: ~1,800 overflowed a 1 MiB stack
        String text = "a.".repeat(50_000) + "a:" + "0".repeat(64);
        assertThatThrownBy(() -> Digest.parse(text)).isInstanceOfSatisfying(OciException.class,
                e -> assertThat(e.code()).isEqualTo(OciErrorCode.UNSUPPORTED));
        assertThatThrownBy(() -> Digest.parse("a.".repeat(50_000) + "A:x")).isInstanceOfSatisfying(OciException.class,
                e -> assertThat(e.code()).isEqualTo(OciErrorCode.DIGEST_INVALID));
    }

    @Test
    void aReferenceWithAColonLooksLikeADigestAndATagNever() {
        assertThat(Digest.looksLikeDigest("sha256:" + "a".repeat(64))).isTrue();
        assertThat(Digest.looksLikeDigest("latest")).isFalse();
        assertThat(Digest.looksLikeDigest(":latest")).isFalse();
        assertThat(Digest.looksLikeDigest("")).isFalse();
    }

    /** The code Digest.parse must refuse {@code text} with, or null if it is a digest Berth accepts. */
    static OciErrorCode expectedRefusal(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            return OciErrorCode.DIGEST_INVALID;
        }
        String algorithm = text.substring(0, colon);
        String encoded = text.substring(colon + 1);
        if (!isAlgorithm(algorithm) || encoded.isEmpty() || !encoded.chars().allMatch(DigestFuzzTest::isEncodedChar)) {
            return OciErrorCode.DIGEST_INVALID;
        }
        int hexLength;
        if (algorithm.equals("sha256")) {
            hexLength = 64;
        } else if (algorithm.equals("sha512")) {
            hexLength = 128;
        } else {
            return OciErrorCode.UNSUPPORTED;
        }
        boolean lowerHex = encoded.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
        return encoded.length() == hexLength && lowerHex ? null : OciErrorCode.DIGEST_INVALID;
    }

    /** algorithm-component (algorithm-separator algorithm-component)*, components [a-z0-9]+, separators [+._-]. */
    private static boolean isAlgorithm(String algorithm) {
        boolean afterSeparator = true;
        for (int i = 0; i < algorithm.length(); i++) {
            char c = algorithm.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                afterSeparator = false;
            } else if ((c == '+' || c == '.' || c == '_' || c == '-') && !afterSeparator) {
                afterSeparator = true;
            } else {
                return false;
            }
        }
        return !afterSeparator;
    }

    private static boolean isEncodedChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '=' || c == '_' || c == '-';
    }
}

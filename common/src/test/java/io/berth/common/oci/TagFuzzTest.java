package io.berth.common.oci;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.berth.common.digest.Digest;
import io.berth.common.error.ErrorBodies;
import io.berth.common.error.OciErrorCode;
import io.berth.common.error.OciException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Tag#validate} on any text: the tag exactly when {@code [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}} (read
 * here by hand) allows it, TAG_INVALID otherwise; {@link Tag#isValid} agrees, and no tag looks like a
 * digest. Seeds: {@code src/test/resources/io/berth/common/oci/TagFuzzTestInputs/validate/}.
 */
class TagFuzzTest {

    @FuzzTest(maxDuration = "5s")
    @Timeout(10)
    void validate(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        boolean valid = isTag(text);
        assertThat(Tag.isValid(text)).as("isValid(%s)", text).isEqualTo(valid);
        try {
            assertThat(Tag.validate(text)).isEqualTo(text);
        } catch (OciException e) {
            assertThat(valid).as("refused %s", text).isFalse();
            assertThat(e.code()).isEqualTo(OciErrorCode.TAG_INVALID);
            assertThat(ErrorBodies.oci(e)).contains("TAG_INVALID");
            return;
        }
        assertThat(valid).as("accepted %s", text).isTrue();
        assertThat(Digest.looksLikeDigest(text)).as("a tag is never read as a digest").isFalse();
    }

    static boolean isTag(String text) {
        if (text.isEmpty() || text.length() > 128) {
            return false;
        }
        char first = text.charAt(0);
        if (!(alnum(first) || first == '_')) {
            return false;
        }
        return text.chars().skip(1).allMatch(c -> alnum((char) c) || c == '.' || c == '_' || c == '-');
    }

    private static boolean alnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}

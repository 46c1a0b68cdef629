package io.berth.common.oci;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.berth.common.error.ErrorBodies;
import io.berth.common.error.OciErrorCode;
import io.berth.common.error.OciException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Timeout;

/**
 * {@link RepositoryName#parse} on any text: a name exactly when the distribution spec's grammar (read here
 * by hand, not with the parser's regex) allows it within 255 characters, NAME_INVALID otherwise. Seeds:
 * {@code src/test/resources/io/berth/common/oci/RepositoryNameFuzzTestInputs/parse/}.
 */
class RepositoryNameFuzzTest {

    @FuzzTest(maxDuration = "5s")
    @Timeout(10)
    @DictionaryEntries({"/", ".", "_", "__", "-", "--", "library/", "a/b"})
    void parse(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        boolean valid = isName(text);
        RepositoryName name;
        try {
            name = RepositoryName.parse(text);
        } catch (OciException e) {
            assertThat(valid).as("refused %s", text).isFalse();
            assertThat(e.code()).isEqualTo(OciErrorCode.NAME_INVALID);
            assertThat(ErrorBodies.oci(e)).contains("NAME_INVALID");
            return;
        }
        assertThat(valid).as("accepted %s", text).isTrue();
        assertThat(name.value()).isEqualTo(text).hasSizeLessThanOrEqualTo(RepositoryName.MAX_LENGTH);
        assertThat(name.toString()).isEqualTo(text);
        assertThat(name.project()).isNotEmpty().isEqualTo(text.split("/")[0]);
        assertThat(RepositoryName.parse(name.toString())).isEqualTo(name);
    }

    /**
     * {@code path-component ("/" path-component)*}, a component being {@code [a-z0-9]+} runs joined by
     * {@code .}, {@code _}, {@code __} or {@code -+}; at most 255 characters.
     */
    static boolean isName(String text) {
        if (text.isEmpty() || text.length() > RepositoryName.MAX_LENGTH) {
            return false;
        }
        for (String component : text.split("/", -1)) {
            if (!isComponent(component)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isComponent(String component) {
        int i = 0;
        int n = component.length();
        if (n == 0 || !alnum(component.charAt(0)) || !alnum(component.charAt(n - 1))) {
            return false;
        }
        while (i < n) {
            if (alnum(component.charAt(i))) {
                i++;
                continue;
            }
            int j = i;
            while (j < n && !alnum(component.charAt(j))) {
                j++;
            }
            String separator = component.substring(i, j);
            boolean dashes = separator.chars().allMatch(c -> c == '-');
            if (!(separator.equals(".") || separator.equals("_") || separator.equals("__") || dashes)) {
                return false;
            }
            i = j;
        }
        return true;
    }

    private static boolean alnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }
}

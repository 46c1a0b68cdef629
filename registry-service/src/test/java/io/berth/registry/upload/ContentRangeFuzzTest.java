package io.berth.registry.upload;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Content-Range check of an upload's PATCH and PUT ({@link UploadHandlers#contentRangeProblem}, parsing in
 * {@link ContentRange#parse}) on any header: null or a problem (answered 416 RANGE_INVALID), never an
 * exception. An accepted range continues the bytes received, has start ≤ end + 1 and, with a Content-Length,
 * announces that many bytes; a canonical {@code <start>-<end>} is read as written.
 *
 * <p>An input is three lines: the Content-Range, the Content-Length (empty: none; as Netty passes it on, a
 * non-negative number) and the bytes received so far (default 0). Seeds:
 * {@code src/test/resources/io/berth/registry/upload/ContentRangeFuzzTestInputs/check/}.
 */
class ContentRangeFuzzTest {
    private static final Pattern CANONICAL = Pattern.compile("(?:bytes[ =])?([0-9]{1,18})-([0-9]{1,18})(?:/[0-9*]+)?");

    @FuzzTest(maxDuration = "5s")
    @Timeout(10)
    @DictionaryEntries({"bytes=", "bytes ", "-", "/", "/*", "9223372036854775807", "9223372036854775808", "+", " "})
    void check(byte[] input) {
        String[] lines = new String(input, StandardCharsets.ISO_8859_1).split("\n", -1);
        String header = lines[0];
        String contentLength = lines.length > 1 && nonNegative(lines[1]) >= 0 ? lines[1] : null;
        long received = lines.length > 2 ? Math.max(0, nonNegative(lines[2])) : 0;

        ContentRange range = ContentRange.parse(header);
        String problem = UploadHandlers.contentRangeProblem(header, contentLength, received);
        if (problem == null) {
            assertThat(range).as("accepted %s", header).isNotNull();
            assertThat(range.start()).isEqualTo(received);
            assertThat(range.end()).as("start ≤ end + 1 in %s", header).isGreaterThanOrEqualTo(range.start() - 1);
            if (contentLength != null) {
                assertThat(range.end() - range.start() + 1).isEqualTo(Long.parseLong(contentLength)).isNotNegative();
            }
        } else {
            assertThat(problem).contains(header);
        }
        Matcher canonical = CANONICAL.matcher(header.trim());
        if (canonical.matches()) {
            assertThat(range).isEqualTo(new ContentRange(Long.parseLong(canonical.group(1)), Long.parseLong(canonical.group(2))));
        }
    }

    /** The value of a decimal the way Long.parseLong reads it when it is non-negative, else -1. */
    private static long nonNegative(String text) {
        try {
            return Math.max(-1, Long.parseLong(text));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Test
    void aRangeWithoutStartOrEndIsMalformed() {
        for (String header : new String[] {"-", "5-", "-5", "", "bytes=", "5", "a-b", "1-2-3", "9223372036854775808-9223372036854775809"}) {
            assertThat(UploadHandlers.contentRangeProblem(header, null, 5)).as(header).startsWith("malformed Content-Range");
        }
    }

    @Test
    void aRangeThatContinuesTheUploadIsAcceptedWithOrWithoutItsUnit() {
        for (String header : new String[] {"5-9", "bytes=5-9", "bytes 5-9/10", "bytes 5-9/*", " 5-9 "}) {
            assertThat(UploadHandlers.contentRangeProblem(header, "5", 5)).as(header).isNull();
            assertThat(ContentRange.parse(header)).isEqualTo(new ContentRange(5, 9));
        }
        assertThat(UploadHandlers.contentRangeProblem("5-4", "0", 5)).as("an empty chunk").isNull();
        assertThat(UploadHandlers.contentRangeProblem(null, "5", 5)).isNull();
    }

    @Test
    void aRangeThatDoesNotContinueOrDisagreesWithContentLengthIsRefused() {
        assertThat(UploadHandlers.contentRangeProblem("0-9", null, 5)).contains("does not continue the 5 bytes");
        assertThat(UploadHandlers.contentRangeProblem("5-3", null, 5)).startsWith("malformed Content-Range");
        assertThat(UploadHandlers.contentRangeProblem("5-9", "4", 5)).contains("announces 5 bytes, Content-Length 4");
        assertThat(UploadHandlers.contentRangeProblem("0-9223372036854775807", "0", 0)).isNotNull();
    }
}

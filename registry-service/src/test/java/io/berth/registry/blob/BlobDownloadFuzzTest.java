package io.berth.registry.blob;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.berth.common.error.OciErrorCode;
import io.berth.common.error.OciException;
import io.berth.registry.api.OciErrorWithHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@code Range} of a blob GET ({@link BlobDownload#of}) on any header: the whole blob, a part of it, or
 * RANGE_INVALID (416) with {@code Content-Range: bytes *}{@code /<size>}, never another exception. A part lies
 * inside the blob and is not empty; a canonical {@code bytes=<first>-[<last>]} or {@code bytes=-<suffix>}
 * gets what RFC 9110 §14.1.2 says.
 *
 * <p>An input is three lines: the Range, the If-Range (empty: none) and the blob's size (default 1000).
 * Seeds: {@code src/test/resources/io/berth/registry/blob/BlobDownloadFuzzTestInputs/of/}.
 */
class BlobDownloadFuzzTest {
    private static final String ETAG = "\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\"";
    private static final Pattern CANONICAL = Pattern.compile("bytes=([0-9]{1,18})?-([0-9]{1,18})?");

    @FuzzTest(maxDuration = "5s")
    @Timeout(10)
    @DictionaryEntries({"bytes=", "-", ",", "9223372036854775807", "9223372036854775808", "+", " ", ETAG})
    void of(byte[] input) {
        String[] lines = new String(input, StandardCharsets.ISO_8859_1).split("\n", -1);
        String range = lines[0];
        String ifRange = lines.length > 1 && !lines[1].isEmpty() ? lines[1] : null;
        long size = lines.length > 2 ? nonNegative(lines[2], 1000) : 1000;

        BlobDownload download;
        try {
            download = BlobDownload.of(range, ifRange, ETAG, size);
        } catch (OciException e) {
            assertThat(e.code()).isEqualTo(OciErrorCode.RANGE_INVALID);
            assertThat(e).isInstanceOfSatisfying(OciErrorWithHeaders.class,
                    h -> assertThat(h.headers()).isEqualTo(Map.of("Content-Range", "bytes */" + size)));
            assertThat(expected(range, ifRange, size)).as("refused %s of %d bytes", range, size).isIn(null, "416");
            return;
        }
        if (download.partial()) {
            assertThat(download.offset()).isNotNegative().isLessThan(size);
            assertThat(download.length()).isPositive().isLessThanOrEqualTo(size - download.offset());
            assertThat(download.contentRange(size))
                    .isEqualTo("bytes " + download.offset() + "-" + (download.offset() + download.length() - 1) + "/" + size);
        } else {
            assertThat(download).isEqualTo(new BlobDownload(0, size, false));
        }
        String expected = expected(range, ifRange, size);
        if (expected != null) {
            String got = download.partial() ? download.offset() + "+" + download.length() : "whole";
            assertThat(got).as("%s of %d bytes", range, size).isEqualTo(expected);
        }
    }

    /** What RFC 9110 gives a canonical header: "whole", "416" or "offset+length"; null for any other header. */
    private static String expected(String range, String ifRange, long size) {
        if (ifRange != null && !ifRange.trim().equals(ETAG)) {
            return "whole";
        }
        Matcher m = CANONICAL.matcher(range);
        if (!m.matches() || (m.group(1) == null && m.group(2) == null)) {
            return null;
        }
        if (m.group(1) == null) {
            long suffix = Long.parseLong(m.group(2));
            if (suffix == 0 || size == 0) {
                return "416";
            }
            long length = Math.min(suffix, size);
            return (size - length) + "+" + length;
        }
        long first = Long.parseLong(m.group(1));
        long last = m.group(2) == null ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
        if (first >= size || (m.group(2) != null && Long.parseLong(m.group(2)) < first)) {
            return "416";
        }
        return first + "+" + (last - first + 1);
    }

    private static long nonNegative(String text, long otherwise) {
        try {
            long value = Long.parseLong(text);
            return value < 0 ? otherwise : value;
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    @Test
    void rangesOfASmallBlob() {
        assertThat(BlobDownload.of("bytes=0-", null, ETAG, 10)).isEqualTo(new BlobDownload(0, 10, true));
        assertThat(BlobDownload.of("bytes=2-4", null, ETAG, 10)).isEqualTo(new BlobDownload(2, 3, true));
        assertThat(BlobDownload.of("bytes=-3", null, ETAG, 10)).isEqualTo(new BlobDownload(7, 3, true));
        assertThat(BlobDownload.of("bytes=-30", null, ETAG, 10)).isEqualTo(new BlobDownload(0, 10, true));
        assertThat(BlobDownload.of("bytes=5-9223372036854775807", null, ETAG, 10)).isEqualTo(new BlobDownload(5, 5, true));
        assertThat(BlobDownload.of("bytes=0-1,3-4", null, ETAG, 10)).isEqualTo(new BlobDownload(0, 10, false));
        assertThat(BlobDownload.of("items=0-1", null, ETAG, 10)).isEqualTo(new BlobDownload(0, 10, false));
        assertThat(BlobDownload.of("bytes=0-1", "\"other\"", ETAG, 10)).isEqualTo(new BlobDownload(0, 10, false));
    }

    @Test
    void malformedOrUnsatisfiableRangesAre416() {
        for (String range : new String[] {"bytes=", "bytes=-", "bytes=5", "bytes=-0", "bytes=10-", "bytes=4-2", "bytes=a-b",
                "bytes=9223372036854775808-", "bytes=--5", "bytes=-9223372036854775808"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> BlobDownload.of(range, null, ETAG, 10)).as(range)
                    .isInstanceOfSatisfying(OciException.class, e -> assertThat(e.code()).isEqualTo(OciErrorCode.RANGE_INVALID));
        }
    }
}

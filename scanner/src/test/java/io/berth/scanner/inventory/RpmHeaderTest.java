package io.berth.scanner.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** RPM header blobs laid out as rpm's header format documents them, well-formed and hostile. */
class RpmHeaderTest {

    @Test
    void readsTheTagsOfAHeaderWithItsMagic() {
        byte[] blob = header(true, new Entry(1000, 6, "bash"), new Entry(1001, 6, "5.1.8"), new Entry(1002, 6, "6.el9"),
                new Entry(1022, 6, "x86_64"), new Entry(1044, 6, "bash-5.1.8-6.el9.src.rpm"));
        RpmHeader h = RpmHeader.parse(blob);
        assertThat(h).isEqualTo(new RpmHeader("bash", "5.1.8", "6.el9", null, "x86_64", "bash-5.1.8-6.el9.src.rpm"));
        assertThat(h.evr()).isEqualTo("5.1.8-6.el9");
        assertThat(h.sourceName()).isEqualTo("bash");
        assertThat(h.sourceEvr()).isEqualTo("5.1.8-6.el9");
    }

    @Test
    void sourcePackageNameMayHoldDashes() {
        RpmHeader h = new RpmHeader("python3-libs", "3.9.18", "3.el9", 1, "x86_64", "python3.9-3.9.18-3.el9.src.rpm");
        assertThat(h.sourceName()).isEqualTo("python3.9");
        assertThat(h.sourceEvr()).isEqualTo("1:3.9.18-3.el9");
        assertThat(new RpmHeader("gpg-pubkey", "fd431d51", "4ae0493b", null, null, null).sourceName()).isNull();
    }

    @Test
    void refusesAHeaderShorterThanItsCounts() {
        byte[] blob = header(false, new Entry(1000, 6, "bash"), new Entry(1001, 6, "1"));
        byte[] cut = java.util.Arrays.copyOf(blob, blob.length - 3);
        assertThatThrownBy(() -> RpmHeader.parse(cut)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has " + cut.length + " bytes");
    }

    @Test
    void refusesAnOffsetOutsideTheData() {
        byte[] blob = header(false, new Entry(1000, 6, "bash"), new Entry(1001, 6, "1"));
        ByteBuffer.wrap(blob).putInt(8 + 16 + 8, 1 << 20); // the VERSION entry's offset
        assertThatThrownBy(() -> RpmHeader.parse(blob)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("points outside");
    }

    @Test
    void refusesAStringWithoutItsEnd() {
        byte[] blob = header(false, new Entry(1000, 6, "bash"));
        blob[blob.length - 1] = 'x';
        assertThatThrownBy(() -> RpmHeader.parse(blob)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not end");
    }

    @Test
    void refusesAbsurdCountsAndMissingNames() {
        assertThatThrownBy(() -> RpmHeader.parse(new byte[] {0, 1, 0, 0, 0, 0, 0, 0})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RpmHeader.parse(new byte[3])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RpmHeader.parse(header(false, new Entry(1000, 6, "bash")))).hasMessageContaining("without a name or a version");
        assertThatThrownBy(() -> RpmHeader.parse(header(false, new Entry(1000, 4, "bash"), new Entry(1001, 6, "1"))))
                .hasMessageContaining("not a string");
    }

    record Entry(int tag, int type, String value) {}

    /** A header blob of string entries: [magic] il dl, the index, then the NUL-terminated strings. */
    static byte[] header(boolean magic, Entry... entries) {
        ByteBuffer data = ByteBuffer.allocate(4096);
        int[] offsets = new int[entries.length];
        for (int i = 0; i < entries.length; i++) {
            offsets[i] = data.position();
            data.put(entries[i].value().getBytes(StandardCharsets.UTF_8)).put((byte) 0);
        }
        int dl = data.position();
        ByteBuffer out = ByteBuffer.allocate((magic ? 8 : 0) + 8 + 16 * entries.length + dl);
        if (magic) {
            out.putInt(0x8eade801).putInt(0);
        }
        out.putInt(entries.length).putInt(dl);
        for (int i = 0; i < entries.length; i++) {
            out.putInt(entries[i].tag()).putInt(entries[i].type()).putInt(offsets[i]).putInt(1);
        }
        out.put(data.array(), 0, dl);
        return out.array();
    }
}

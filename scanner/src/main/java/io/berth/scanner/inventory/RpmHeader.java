package io.berth.scanner.inventory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The fields Berth reads from an RPM header blob, as rpm stores one per package in its database (the {@code blob}
 * column of the SQLite rpmdb's {@code Packages} table), parsed by hand from rpm's documented header layout:
 * <pre>
 *   [8e ad e8 01 00 00 00 00]      header magic and reserved bytes: only in package files, absent in the database
 *   int32 il                       number of index entries (big-endian, as every number here)
 *   int32 dl                       size of the data store
 *   il × { int32 tag, int32 type, int32 offset, int32 count }
 *   dl bytes of data               a STRING (type 6) is NUL-terminated at offset; an INT32 (type 4) is 4 bytes at offset
 * </pre>
 * Tags read: NAME 1000, VERSION 1001, RELEASE 1002, EPOCH 1003, ARCH 1022, SOURCERPM 1044. Every offset and length is
 * checked against the blob: a malformed header is refused with {@link IllegalArgumentException}, never read past.
 *
 * @param epoch     null when the package has none
 * @param sourceRpm the source package's file name ({@code bash-5.1.8-6.el9.src.rpm}); null for a source package or
 *                  a {@code gpg-pubkey}
 */
public record RpmHeader(String name, String version, String release, Integer epoch, String arch, String sourceRpm) {
    static final int NAME = 1000;
    static final int VERSION = 1001;
    static final int RELEASE = 1002;
    static final int EPOCH = 1003;
    static final int ARCH = 1022;
    static final int SOURCERPM = 1044;
    private static final int TYPE_INT32 = 4;
    private static final int TYPE_STRING = 6;
    private static final int TYPE_STRING_ARRAY = 8;
    private static final int TYPE_I18NSTRING = 9;
    private static final int MAGIC = 0x8eade801;
    /** rpm's own limits on a header: 65,535 index entries, 256 MiB of data. */
    private static final int MAX_ENTRIES = 0xffff;
    private static final int MAX_DATA = 256 << 20;

    public static RpmHeader parse(byte[] blob) {
        ByteBuffer buf = ByteBuffer.wrap(blob); // big-endian by default, as rpm writes
        if (blob.length >= 8 && buf.getInt(0) == MAGIC) {
            buf.position(8);
        }
        if (buf.remaining() < 8) {
            throw new IllegalArgumentException("an RPM header of " + blob.length + " bytes is too short");
        }
        int il = buf.getInt();
        int dl = buf.getInt();
        if (il < 1 || il > MAX_ENTRIES || dl < 0 || dl > MAX_DATA) {
            throw new IllegalArgumentException("an RPM header with " + il + " entries and " + dl + " data bytes is not one");
        }
        int index = buf.position();
        int data = index + il * 16;
        if ((long) data + dl > blob.length) {
            throw new IllegalArgumentException("an RPM header says " + il + " entries and " + dl + " data bytes but has "
                    + blob.length + " bytes");
        }
        String name = null;
        String version = null;
        String release = null;
        Integer epoch = null;
        String arch = null;
        String sourceRpm = null;
        for (int i = 0; i < il; i++) {
            int entry = index + i * 16;
            int tag = buf.getInt(entry);
            int type = buf.getInt(entry + 4);
            int offset = buf.getInt(entry + 8);
            int count = buf.getInt(entry + 12);
            switch (tag) {
                case NAME -> name = string(blob, data, dl, type, offset, tag);
                case VERSION -> version = string(blob, data, dl, type, offset, tag);
                case RELEASE -> release = string(blob, data, dl, type, offset, tag);
                case ARCH -> arch = string(blob, data, dl, type, offset, tag);
                case SOURCERPM -> sourceRpm = string(blob, data, dl, type, offset, tag);
                case EPOCH -> epoch = int32(buf, data, dl, type, offset, count);
                default -> { }
            }
        }
        if (name == null || version == null) {
            throw new IllegalArgumentException("an RPM header without a name or a version");
        }
        return new RpmHeader(name, version, release, epoch, arch, sourceRpm);
    }

    /** {@code [epoch:]version[-release]}, the form OSV's RPM ecosystems and rpm's version order use. */
    public String evr() {
        return (epoch == null ? "" : epoch + ":") + version + (release == null || release.isEmpty() ? "" : "-" + release);
    }

    /** The source package's name of {@code name-version-release.src.rpm}; null when there is no source RPM. */
    public String sourceName() {
        String[] nvr = sourceNvr();
        return nvr == null ? null : nvr[0];
    }

    /** The source package's {@code [epoch:]version-release} (the binary package's epoch, as rpm builds them). */
    public String sourceEvr() {
        String[] nvr = sourceNvr();
        return nvr == null ? null : (epoch == null ? "" : epoch + ":") + nvr[1] + "-" + nvr[2];
    }

    private String[] sourceNvr() {
        if (sourceRpm == null) {
            return null;
        }
        String s = sourceRpm;
        for (String suffix : new String[] {".src.rpm", ".nosrc.rpm"}) {
            if (s.endsWith(suffix)) {
                s = s.substring(0, s.length() - suffix.length());
            }
        }
        int r = s.lastIndexOf('-');
        int v = r > 0 ? s.lastIndexOf('-', r - 1) : -1;
        if (v <= 0) {
            return null;
        }
        return new String[] {s.substring(0, v), s.substring(v + 1, r), s.substring(r + 1)};
    }

    private static String string(byte[] blob, int data, int dl, int type, int offset, int tag) {
        if (type != TYPE_STRING && type != TYPE_I18NSTRING && type != TYPE_STRING_ARRAY) {
            throw new IllegalArgumentException("RPM header tag " + tag + " has type " + type + ", not a string");
        }
        if (offset < 0 || offset >= dl) {
            throw new IllegalArgumentException("RPM header tag " + tag + " points outside the data (" + offset + ")");
        }
        int start = data + offset;
        int end = start;
        while (end < data + dl && blob[end] != 0) {
            end++;
        }
        if (end == data + dl) {
            throw new IllegalArgumentException("RPM header tag " + tag + " has a string that does not end");
        }
        return new String(blob, start, end - start, StandardCharsets.UTF_8);
    }

    private static Integer int32(ByteBuffer buf, int data, int dl, int type, int offset, int count) {
        if (type != TYPE_INT32 || count < 1 || offset < 0 || offset > dl - 4) {
            throw new IllegalArgumentException("RPM header's epoch is not an int32 within the data");
        }
        return buf.getInt(data + offset);
    }
}

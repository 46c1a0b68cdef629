package io.berth.scanner.inventory;

import io.berth.scanner.image.ScanLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Go binaries: the build information the Go linker (1.18+) writes into ELF executables, a 32-byte header starting
 * {@code "\xff Go buildinf:"} at a 16-byte aligned offset, then the Go version and the module information as
 * varint-length strings (what {@code go version -m} prints): {@code path}, {@code mod} (the main module), {@code dep}
 * lines and their {@code =>} replacements. The file is scanned as a stream, never held: only the blob is kept.
 * Found: the main module (unless {@code (devel)}), every dependency, and the Go standard library as {@code stdlib}
 * with the toolchain's version ({@code go1.21.5} becomes {@code v1.21.5}). Binaries of Go before 1.18 (pointer-based
 * build info) are not read.
 */
public final class GoBinaryAnalyzer implements Analyzer {
    static final byte[] MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
    private static final int WINDOW = 1 << 20;
    private static final int BLOB = 256 * 1024;

    @Override
    public boolean accepts(String path, long size, boolean executable) {
        return executable && size > 1024;
    }

    @Override
    public FileFindings analyze(String path, InputStream content, ScanLimits limits) throws IOException {
        byte[] head = content.readNBytes(4);
        if (head.length < 4 || head[0] != 0x7f || head[1] != 'E' || head[2] != 'L' || head[3] != 'F') {
            return FileFindings.NONE;
        }
        byte[] blob = findBlob(head, content);
        return blob == null ? FileFindings.NONE : FileFindings.of(parse(blob));
    }

    /** The bytes from the magic on (up to {@link #BLOB}), or null if the stream has none at an aligned offset. */
    private static byte[] findBlob(byte[] head, InputStream content) throws IOException {
        byte[] buf = new byte[WINDOW + BLOB];
        System.arraycopy(head, 0, buf, 0, head.length);
        int len = head.length + content.readNBytes(buf, head.length, WINDOW - head.length);
        // invariant: buf[0] sits at a file offset that is a multiple of 16
        while (len >= MAGIC.length) {
            int last = len - MAGIC.length;
            for (int i = 0; i <= last; i += 16) {
                if (buf[i] == (byte) 0xff && matches(buf, i)) {
                    System.arraycopy(buf, i, buf, 0, len - i);
                    len -= i;
                    len += content.readNBytes(buf, len, Math.max(0, BLOB - len));
                    byte[] blob = new byte[Math.min(len, BLOB)];
                    System.arraycopy(buf, 0, blob, 0, blob.length);
                    return blob;
                }
            }
            int from = Math.min(len, (last / 16 + 1) * 16);
            int keep = len - from;
            System.arraycopy(buf, from, buf, 0, keep);
            int n = content.readNBytes(buf, keep, WINDOW - keep);
            if (n == 0) {
                return null;
            }
            len = keep + n;
        }
        return null;
    }

    private static boolean matches(byte[] buf, int at) {
        for (int j = 0; j < MAGIC.length; j++) {
            if (buf[at + j] != MAGIC[j]) {
                return false;
            }
        }
        return true;
    }

    /** The packages of a build info blob (magic first); empty if it is not the inline (Go 1.18+) format. */
    static List<FoundPackage> parse(byte[] blob) {
        List<FoundPackage> found = new ArrayList<>();
        if (blob.length < 32 || (blob[15] & 2) == 0) {
            return found;
        }
        int[] at = {32};
        String goVersion = string(blob, at);
        String modinfo = string(blob, at);
        if (goVersion == null) {
            return found;
        }
        if (modinfo != null && modinfo.length() >= 33 && modinfo.charAt(modinfo.length() - 17) == '\n') {
            modinfo = modinfo.substring(16, modinfo.length() - 16);
        }
        if (goVersion.startsWith("go")) {
            String v = goVersion.substring(2).split("[ \\-+X]")[0];
            if (!v.isEmpty()) {
                found.add(FoundPackage.of(PackageType.GO, "stdlib", "v" + v));
            }
        }
        if (modinfo == null) {
            return found;
        }
        for (String line : modinfo.split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length >= 3 && (f[0].equals("mod") || f[0].equals("dep"))) {
                if (!f[2].equals("(devel)") && !f[2].isEmpty()) {
                    found.add(FoundPackage.of(PackageType.GO, f[1], f[2]));
                }
            } else if (f.length >= 3 && f[0].equals("=>") && !found.isEmpty()) {
                found.remove(found.size() - 1); // a replacement by a local directory has no version: the module is then unknown
                if (!f[2].isEmpty() && !f[2].equals("(devel)")) {
                    found.add(FoundPackage.of(PackageType.GO, f[1], f[2]));
                }
            }
        }
        return found;
    }

    private static String string(byte[] blob, int[] at) {
        long length = 0;
        int shift = 0;
        while (at[0] < blob.length) {
            int b = blob[at[0]++] & 0xff;
            length |= (long) (b & 0x7f) << shift;
            if (b < 0x80) {
                if (length > blob.length - at[0]) {
                    return null;
                }
                String s = new String(blob, at[0], (int) length, StandardCharsets.UTF_8);
                at[0] += (int) length;
                return s;
            }
            shift += 7;
            if (shift > 35) {
                return null;
            }
        }
        return null;
    }
}

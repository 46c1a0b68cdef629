package io.berth.scanner.inventory;

import io.berth.scanner.image.ScanFailure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reading a file into memory only up to a cap: the one place analyzers buffer a file. */
final class BoundedReads {
    private BoundedReads() {}

    /** The whole file as UTF-8 text; a file past {@code max} bytes fails the scan, naming it. */
    static String text(String path, InputStream in, long max) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(max, Integer.MAX_VALUE - 16));
        if (in.read() != -1) {
            throw new ScanFailure(path + " is larger than the " + (max >> 20) + " MiB the scanner reads of a package database");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** At most {@code max} bytes of the file's start as UTF-8 text, for formats whose fields come first (METADATA). */
    static String head(InputStream in, int max) throws IOException {
        return new String(in.readNBytes(max), StandardCharsets.UTF_8);
    }
}

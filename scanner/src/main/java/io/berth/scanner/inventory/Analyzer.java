package io.berth.scanner.inventory;

import io.berth.scanner.image.ScanLimits;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads one kind of file of an image as it streams by in its layer's tar. An analyzer never seeks and never keeps the
 * stream: it reads what it needs (each file at most {@link ScanLimits#maxFileBytes()} into memory, archives as
 * streams) and returns what it found; the image's merged view decides which files survive the layers above.
 */
public interface Analyzer {
    /**
     * Whether this analyzer reads the file at {@code path} (absolute, normalized: {@code /var/lib/dpkg/status}).
     *
     * @param executable whether any execute bit is set on it
     */
    boolean accepts(String path, long size, boolean executable);

    /** Reads the file; the stream ends at the file's end and is closed by the caller. */
    FileFindings analyze(String path, InputStream content, ScanLimits limits) throws IOException;
}

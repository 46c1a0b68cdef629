package io.berth.scanner.inventory;

import io.berth.scanner.image.ScanLimits;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Python: the core metadata of installed distributions, {@code *.dist-info/METADATA} (wheels, pip) and
 * {@code *.egg-info/PKG-INFO} or an {@code *.egg-info} file (setuptools): the {@code Name} and {@code Version} headers,
 * which come before the description, so only the file's head is read.
 */
public final class PythonMetadataAnalyzer implements Analyzer {
    private static final int HEAD = 256 * 1024;

    @Override
    public boolean accepts(String path, long size, boolean executable) {
        return path.endsWith(".dist-info/METADATA") || path.endsWith(".egg-info/PKG-INFO") || path.endsWith(".egg-info");
    }

    @Override
    public FileFindings analyze(String path, InputStream content, ScanLimits limits) throws IOException {
        String name = null;
        String version = null;
        for (String line : BoundedReads.head(content, HEAD).split("\n")) {
            String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (l.isEmpty()) {
                break; // the headers end at the first blank line; the description follows
            }
            if (name == null && l.regionMatches(true, 0, "Name:", 0, 5)) {
                name = l.substring(5).strip();
            } else if (version == null && l.regionMatches(true, 0, "Version:", 0, 8)) {
                version = l.substring(8).strip();
            }
        }
        if (name == null || name.isEmpty() || version == null || version.isEmpty()) {
            return FileFindings.NONE;
        }
        return FileFindings.of(List.of(FoundPackage.of(PackageType.PYPI, name, version)));
    }
}

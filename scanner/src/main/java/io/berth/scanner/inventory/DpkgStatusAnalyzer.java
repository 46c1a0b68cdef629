package io.berth.scanner.inventory;

import io.berth.scanner.image.ScanLimits;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Debian and Ubuntu: {@code /var/lib/dpkg/status} (packages whose {@code Status} ends in {@code installed}) and the
 * one-stanza files of {@code /var/lib/dpkg/status.d/} that distroless images carry. A package's {@code Source:}
 * ({@code name} or {@code name (version)}) is kept: Debian's advisories are keyed by source package.
 */
public final class DpkgStatusAnalyzer implements Analyzer {
    static final String STATUS = "/var/lib/dpkg/status";
    static final String STATUS_D = "/var/lib/dpkg/status.d/";

    @Override
    public boolean accepts(String path, long size, boolean executable) {
        return path.equals(STATUS) || (path.startsWith(STATUS_D) && path.indexOf('/', STATUS_D.length()) < 0 && !path.endsWith(".md5sums"));
    }

    @Override
    public FileFindings analyze(String path, InputStream content, ScanLimits limits) throws IOException {
        List<FoundPackage> found = new ArrayList<>();
        for (Map<String, String> stanza : Stanzas.dpkg(BoundedReads.text(path, content, limits.maxFileBytes()))) {
            String name = stanza.get("Package");
            String version = stanza.get("Version");
            String status = stanza.get("Status");
            if (name == null || version == null || (status != null && !status.endsWith(" installed"))) {
                continue;
            }
            String sourceName = null;
            String sourceVersion = null;
            String source = stanza.get("Source");
            if (source != null && !source.isBlank()) {
                int paren = source.indexOf('(');
                sourceName = (paren < 0 ? source : source.substring(0, paren)).strip();
                if (paren >= 0 && source.endsWith(")")) {
                    sourceVersion = source.substring(paren + 1, source.length() - 1).strip();
                }
            }
            found.add(new FoundPackage(PackageType.DEB, name, version, sourceName, sourceVersion, stanza.get("Architecture"), null));
        }
        return FileFindings.of(found);
    }
}

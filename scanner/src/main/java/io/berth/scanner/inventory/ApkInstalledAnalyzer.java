package io.berth.scanner.inventory;

import io.berth.scanner.image.ScanLimits;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Alpine: {@code /lib/apk/db/installed}, one stanza per package ({@code P:} name, {@code V:} version, {@code A:} arch, {@code o:} origin). */
public final class ApkInstalledAnalyzer implements Analyzer {
    static final String INSTALLED = "/lib/apk/db/installed";

    @Override
    public boolean accepts(String path, long size, boolean executable) {
        return path.equals(INSTALLED);
    }

    @Override
    public FileFindings analyze(String path, InputStream content, ScanLimits limits) throws IOException {
        List<FoundPackage> found = new ArrayList<>();
        for (Map<String, String> stanza : Stanzas.apk(BoundedReads.text(path, content, limits.maxFileBytes()))) {
            String name = stanza.get("P");
            String version = stanza.get("V");
            if (name == null || version == null) {
                continue;
            }
            found.add(new FoundPackage(PackageType.APK, name, version, stanza.get("o"), null, stanza.get("A"), null));
        }
        return FileFindings.of(found);
    }
}

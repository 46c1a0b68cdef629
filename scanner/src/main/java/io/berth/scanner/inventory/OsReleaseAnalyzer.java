package io.berth.scanner.inventory;

import io.berth.scanner.image.ScanLimits;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code /etc/os-release} and {@code /usr/lib/os-release} (os-release(5)): which distribution and release the image is. */
public final class OsReleaseAnalyzer implements Analyzer {
    public static final String ETC = "/etc/os-release";
    public static final String USR_LIB = "/usr/lib/os-release";

    @Override
    public boolean accepts(String path, long size, boolean executable) {
        return path.equals(ETC) || path.equals(USR_LIB);
    }

    @Override
    public FileFindings analyze(String path, InputStream content, ScanLimits limits) throws IOException {
        Map<String, String> fields = parse(BoundedReads.head(content, 64 * 1024));
        if (!fields.containsKey("ID")) {
            return FileFindings.NONE;
        }
        return new FileFindings(List.of(), new OsRelease(fields.get("ID").toLowerCase(), fields.get("VERSION_ID"),
                fields.get("VERSION_CODENAME"), fields.get("PRETTY_NAME")));
    }

    static Map<String, String> parse(String text) {
        Map<String, String> fields = new HashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (line.isBlank() || line.startsWith("#") || eq < 1) {
                continue;
            }
            String value = line.substring(eq + 1).strip();
            if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'') && value.endsWith(value.substring(0, 1))) {
                value = value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
            }
            fields.put(line.substring(0, eq).strip(), value);
        }
        return fields;
    }
}

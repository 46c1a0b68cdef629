package io.berth.scanner.inventory;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.scanner.image.ScanFailure;
import io.berth.scanner.image.ScanLimits;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * npm: {@code package-lock.json} (and npm 7's hidden {@code node_modules/.package-lock.json}) in lockfile versions 1
 * ({@code dependencies}, nested), 2 and 3 ({@code packages} keyed by {@code node_modules/...} path; v2 carries both and
 * {@code packages} wins), read as a token stream; and the {@code package.json} of each installed package under
 * {@code node_modules/} ({@code name}, {@code version}). Links ({@code "link": true}) and the project itself are not packages.
 */
public final class NpmAnalyzer implements Analyzer {
    private static final Pattern INSTALLED = Pattern.compile(".*/node_modules/(@[^/]+/)?[^/@.][^/]*/package\\.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public boolean accepts(String path, long size, boolean executable) {
        return path.endsWith("/package-lock.json") || path.endsWith("/node_modules/.package-lock.json") || INSTALLED.matcher(path).matches();
    }

    @Override
    public FileFindings analyze(String path, InputStream content, ScanLimits limits) throws IOException {
        try {
            if (path.endsWith("/package.json")) {
                JsonNode json = JSON.readTree(BoundedReads.text(path, content, Math.min(limits.maxFileBytes(), 4L << 20)));
                String name = json.path("name").asText("");
                String version = json.path("version").asText("");
                return name.isEmpty() || version.isEmpty() ? FileFindings.NONE : FileFindings.of(List.of(FoundPackage.of(PackageType.NPM, name, version)));
            }
            return lock(path, content, limits);
        } catch (com.fasterxml.jackson.core.JsonProcessingException malformed) {
            return FileFindings.NONE; // a broken package.json or lock file in an image is not a reason to fail its scan
        }
    }

    private FileFindings lock(String path, InputStream content, ScanLimits limits) throws IOException {
        List<FoundPackage> fromPackages = new ArrayList<>();
        List<FoundPackage> fromDependencies = new ArrayList<>();
        try (JsonParser parser = JSON.getFactory().createParser(content)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return FileFindings.NONE;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("packages".equals(field) && value == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String key = parser.currentName();
                        parser.nextToken();
                        JsonNode entry = JSON.readTree(parser);
                        check(path, parser, limits);
                        int at = key.lastIndexOf("node_modules/");
                        if (at < 0 || entry.path("link").asBoolean(false)) {
                            continue;
                        }
                        String name = entry.path("name").asText(key.substring(at + "node_modules/".length()));
                        String version = entry.path("version").asText("");
                        if (!version.isEmpty()) {
                            fromPackages.add(FoundPackage.of(PackageType.NPM, name, version));
                        }
                    }
                } else if ("dependencies".equals(field) && value == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String name = parser.currentName();
                        parser.nextToken();
                        dependency(name, JSON.readTree(parser), fromDependencies);
                        check(path, parser, limits);
                    }
                } else {
                    parser.skipChildren();
                }
            }
        }
        return FileFindings.of(fromPackages.isEmpty() ? fromDependencies : fromPackages);
    }

    /** Lockfile v1: {@code name: {version, dependencies: {...}}}, nested as npm nests node_modules. */
    private static void dependency(String name, JsonNode entry, List<FoundPackage> found) {
        String version = entry.path("version").asText("");
        if (!version.isEmpty() && !version.startsWith("file:") && !version.startsWith("link:")) {
            found.add(FoundPackage.of(PackageType.NPM, name, version));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = entry.path("dependencies").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> child = it.next();
            dependency(child.getKey(), child.getValue(), found);
        }
    }

    private static void check(String path, JsonParser parser, ScanLimits limits) {
        if (parser.currentLocation().getByteOffset() > limits.maxFileBytes()) {
            throw new ScanFailure(path + " is larger than the " + (limits.maxFileBytes() >> 20) + " MiB the scanner reads of a lock file");
        }
    }
}

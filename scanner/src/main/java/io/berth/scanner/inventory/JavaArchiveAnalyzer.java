package io.berth.scanner.inventory;

import io.berth.scanner.image.ScanFailure;
import io.berth.scanner.image.ScanLimits;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;

/**
 * Java archives ({@code .jar}, {@code .war}, {@code .ear}), read as a stream of zip entries: every
 * {@code META-INF/maven/**}{@code /pom.properties} is a Maven package; an archive without one falls back to its
 * {@code MANIFEST.MF} ({@code Implementation-Vendor-Id}, the artifact from the file name, {@code Implementation-Version}).
 * Archives nested in archives (Spring Boot's {@code BOOT-INF/lib/}, a war's {@code WEB-INF/lib/}) are read the same
 * way, as streams, down to {@link ScanLimits#maxArchiveDepth()}. Every byte inflated, at any depth, counts against
 * {@link ScanLimits#maxArchiveBytes()} (what nested archives inflate to): past it the scan fails (a zip bomb), it does not run on.
 * An archive that is not readable as a zip is left out, with a warning in the log.
 */
public final class JavaArchiveAnalyzer implements Analyzer {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(JavaArchiveAnalyzer.class);
    private static final int SMALL_ENTRY = 256 * 1024;

    @Override
    public boolean accepts(String path, long size, boolean executable) {
        return isArchive(path);
    }

    static boolean isArchive(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".jar") || lower.endsWith(".war") || lower.endsWith(".ear");
    }

    @Override
    public FileFindings analyze(String path, InputStream content, ScanLimits limits) throws IOException {
        List<FoundPackage> found = new ArrayList<>();
        try {
            read(path, fileName(path), null, content, 1, new Budget(path, limits.maxArchiveBytes()), limits, found);
        } catch (Unreadable e) {
            // as Trivy does: an archive that is not a zip (a launch script in front, a truncated file) is left out with
            // a warning; the rest of the image is still inventoried. A zip bomb is not skipped: it fails the scan.
            LOG.warnf("%s", e.getMessage());
            return FileFindings.NONE;
        }
        return FileFindings.of(found);
    }

    private void read(String outer, String fileName, String inner, InputStream in, int depth, Budget budget, ScanLimits limits,
            List<FoundPackage> found) throws IOException {
        List<FoundPackage> poms = new ArrayList<>();
        Manifest manifest = null;
        try (ZipArchiveInputStream zip = new ZipArchiveInputStream(new Analyzers.Unclosed(in), "UTF-8", true, true)) {
            ZipArchiveEntry entry;
            while ((entry = nextEntry(zip, outer, inner)) != null) {
                String name = entry.getName();
                if (entry.isDirectory()) {
                    continue;
                }
                if (name.startsWith("META-INF/maven/") && name.endsWith("/pom.properties")) {
                    FoundPackage pom = pom(zip.readNBytes(SMALL_ENTRY));
                    if (pom != null) {
                        poms.add(inner == null ? pom : pom.within(inner));
                    }
                } else if (name.equalsIgnoreCase("META-INF/MANIFEST.MF")) {
                    try {
                        manifest = new Manifest(new ByteArrayInputStream(zip.readNBytes(SMALL_ENTRY)));
                    } catch (IOException | RuntimeException malformed) {
                        manifest = null;
                    }
                } else if (isArchive(name) && depth < limits.maxArchiveDepth()) {
                    String nested = inner == null ? name : inner + "!/" + name;
                    read(outer, fileName(name), nested, budget.count(zip), depth + 1, budget, limits, found);
                }
            }
        }
        if (!poms.isEmpty()) {
            found.addAll(poms);
        } else if (manifest != null) {
            FoundPackage fromManifest = fromManifest(manifest.getMainAttributes(), fileName);
            if (fromManifest != null) {
                found.add(inner == null ? fromManifest : fromManifest.within(inner));
            }
        }
    }

    private static ZipArchiveEntry nextEntry(ZipArchiveInputStream zip, String outer, String inner) throws IOException {
        try {
            return zip.getNextZipEntry();
        } catch (ScanFailure e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new Unreadable(outer + (inner == null ? "" : "!/" + inner) + " is not a readable Java archive, left out: " + e.getMessage());
        }
    }

    private static FoundPackage pom(byte[] bytes) throws IOException {
        Properties properties = new Properties();
        try {
            properties.load(new ByteArrayInputStream(bytes));
        } catch (IllegalArgumentException malformed) {
            return null;
        }
        String group = properties.getProperty("groupId");
        String artifact = properties.getProperty("artifactId");
        String version = properties.getProperty("version");
        if (blank(group) || blank(artifact) || blank(version)) {
            return null;
        }
        return FoundPackage.of(PackageType.MAVEN, group.strip() + ":" + artifact.strip(), version.strip());
    }

    /** The manifest's vendor id as groupId, the file name less {@code -<version>} as artifactId; null unless all three are known. */
    static FoundPackage fromManifest(Attributes main, String fileName) {
        String version = first(main, "Implementation-Version", "Bundle-Version", "Specification-Version");
        String group = first(main, "Implementation-Vendor-Id");
        if (blank(version) || fileName == null) {
            return null;
        }
        String base = fileName.replaceFirst("(?i)\\.(jar|war|ear)$", "");
        String suffix = "-" + version;
        if (!base.endsWith(suffix)) {
            return null;
        }
        String artifact = base.substring(0, base.length() - suffix.length());
        if (blank(group)) {
            String symbolic = first(main, "Bundle-SymbolicName");
            if (symbolic != null && symbolic.endsWith("." + artifact)) {
                group = symbolic.substring(0, symbolic.length() - artifact.length() - 1);
            }
        }
        if (blank(group) || blank(artifact)) {
            return null;
        }
        return FoundPackage.of(PackageType.MAVEN, group + ":" + artifact, version);
    }

    private static String first(Attributes attributes, String... names) {
        for (String name : names) {
            String value = attributes.getValue(name);
            if (!blank(value)) {
                return value.split(";")[0].strip();
            }
        }
        return null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Counts the bytes read from an archive (inflated, at every depth) and fails the scan past the cap. */
    private static final class Budget {
        private final String path;
        private final long max;
        private long used;

        Budget(String path, long max) {
            this.path = path;
            this.max = max;
        }

        InputStream count(InputStream in) {
            return new FilterInputStream(in) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) {
                        add(1);
                    }
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0) {
                        add(n);
                    }
                    return n;
                }

                @Override
                public long skip(long n) throws IOException {
                    int read = read(new byte[(int) Math.max(0, Math.min(n, 8192))]);
                    return Math.max(read, 0);
                }
            };
        }

        private void add(long n) {
            used += n;
            if (used > max) {
                throw new ScanFailure(path + " inflates past the " + (max >> 20) + " MiB the scanner reads of one archive (a zip bomb?)");
            }
        }
    }

    /** An archive that cannot be read as a zip. */
    private static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }
}

package io.berth.scanner.vuln.version;

import org.apache.maven.artifact.versioning.ComparableVersion;

/**
 * Maven's own version order ({@link ComparableVersion}, the one Maven resolves ranges with): {@code 1.0-alpha-1 <
 * 1.0-beta < 1.0-milestone < 1.0-rc = 1.0-cr < 1.0-SNAPSHOT < 1.0 = 1.0-ga = 1.0-final < 1.0-sp < 1.0.1}, numbers
 * as numbers, trailing zeros insignificant ({@code 1.0 = 1}). Any string is a Maven version.
 */
public final class MavenVersionScheme implements VersionScheme {

    @Override
    public int compare(String a, String b) {
        if (a.isBlank() || b.isBlank()) {
            throw new InvalidVersionException(name(), a.isBlank() ? a : b);
        }
        return Integer.signum(new ComparableVersion(a.strip()).compareTo(new ComparableVersion(b.strip())));
    }

    @Override
    public String name() {
        return "Maven";
    }
}

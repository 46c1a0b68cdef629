package io.berth.scanner.vuln.version;

import org.semver4j.Semver;

/**
 * Semantic Versioning 2.0.0 precedence (semver.org §11, with semver4j): major.minor.patch as numbers, a pre-release
 * sorts before its release and compares identifier by identifier (numeric identifiers as numbers and before
 * alphanumeric ones), build metadata is ignored. OSV's SEMVER ranges and the npm and crates.io ecosystems use it;
 * {@link #go()} also accepts Go's {@code v} prefix ({@code v1.2.3}, {@code v2.0.0+incompatible}, pseudo-versions
 * {@code v0.0.0-20210226172049-e18ecbb05110}).
 */
public final class SemverVersionScheme implements VersionScheme {

    private final boolean goPrefix;

    private SemverVersionScheme(boolean goPrefix) {
        this.goPrefix = goPrefix;
    }

    /** Plain SemVer 2.0.0 (npm's versions may carry a leading {@code v} or {@code =}, which npm strips too). */
    public static SemverVersionScheme semver() {
        return new SemverVersionScheme(false);
    }

    /** Go module versions: SemVer with the {@code v} prefix. */
    public static SemverVersionScheme go() {
        return new SemverVersionScheme(true);
    }

    @Override
    public int compare(String a, String b) {
        return Integer.signum(parse(a).compareTo(parse(b)));
    }

    @Override
    public String name() {
        return goPrefix ? "Go module" : "SemVer";
    }

    private Semver parse(String version) {
        String v = version.strip();
        if (v.startsWith("v") || (!goPrefix && v.startsWith("="))) {
            v = v.substring(1);
        }
        Semver parsed = Semver.parse(v);
        if (parsed == null) {
            throw new InvalidVersionException(name(), version);
        }
        return parsed;
    }
}

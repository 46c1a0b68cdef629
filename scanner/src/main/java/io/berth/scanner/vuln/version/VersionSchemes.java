package io.berth.scanner.vuln.version;

import java.util.Optional;

/** Which version order an OSV ecosystem uses. */
public final class VersionSchemes {

    private static final VersionScheme DPKG = new DpkgVersionScheme();
    private static final VersionScheme APK = new ApkVersionScheme();
    private static final VersionScheme RPM = new RpmVersionScheme();
    private static final VersionScheme SEMVER = SemverVersionScheme.semver();
    private static final VersionScheme GO = SemverVersionScheme.go();
    private static final VersionScheme MAVEN = new MavenVersionScheme();
    private static final VersionScheme PEP440 = new Pep440VersionScheme();

    private VersionSchemes() {}

    /** The scheme of OSV's {@code SEMVER} range type, whatever the ecosystem. */
    public static VersionScheme semver() {
        return SEMVER;
    }

    /**
     * The scheme of an OSV ecosystem, e.g. {@code Debian:12} → dpkg. Empty for an ecosystem Berth has no order for:
     * its advisories then match only through their explicit {@code versions} lists.
     */
    public static Optional<VersionScheme> forEcosystem(String ecosystem) {
        int colon = ecosystem.indexOf(':');
        String base = colon >= 0 ? ecosystem.substring(0, colon) : ecosystem;
        return Optional.ofNullable(switch (base) {
            case "Debian", "Ubuntu" -> DPKG;
            case "Alpine", "Wolfi", "Chainguard" -> APK;
            case "Red Hat", "Fedora", "AlmaLinux", "Rocky Linux", "openSUSE", "SUSE", "Mageia", "openEuler" -> RPM;
            case "npm", "crates.io", "Hex", "Pub", "SwiftURL" -> SEMVER;
            case "Go" -> GO;
            case "Maven" -> MAVEN;
            case "PyPI" -> PEP440;
            default -> null;
        });
    }
}

package io.berth.scanner.inventory;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURLBuilder;
import java.util.Locale;

/**
 * The OSV ecosystem and the package URL of a found package: OS packages take their ecosystem from the image's OS
 * release ({@code Debian:12}, {@code Ubuntu:22.04}, {@code Alpine:v3.19}), language packages have their own.
 */
final class PackageIdentity {
    private PackageIdentity() {}

    static String ecosystem(PackageType type, OsRelease os) {
        return switch (type) {
            case DEB -> os != null && "ubuntu".equals(os.id()) ? release("Ubuntu", os.versionId()) : release("Debian", debianMajor(os));
            case APK -> release("Alpine", alpineBranch(os));
            case RPM -> rpmEcosystem(os);
            case MAVEN -> "Maven";
            case NPM -> "npm";
            case PYPI -> "PyPI";
            case GO -> "Go";
        };
    }

    static String purl(FoundPackage p, OsRelease os) {
        try {
            PackageURLBuilder b = PackageURLBuilder.aPackageURL().withVersion(p.version());
            switch (p.type()) {
                case DEB -> {
                    String distro = os != null && "ubuntu".equals(os.id()) ? "ubuntu" : "debian";
                    b.withType("deb").withNamespace(distro).withName(p.name());
                    arch(b, p);
                    if (os != null && os.versionId() != null) {
                        b.withQualifier("distro", distro + "-" + os.versionId());
                    }
                }
                case APK -> {
                    b.withType("apk").withNamespace("alpine").withName(p.name().toLowerCase(Locale.ROOT));
                    arch(b, p);
                    if (os != null && os.versionId() != null) {
                        b.withQualifier("distro", os.versionId());
                    }
                }
                case RPM -> {
                    b.withType("rpm").withName(p.name());
                    int colon = p.version().indexOf(':');
                    if (colon > 0) { // the epoch is a qualifier of an rpm purl, not part of its version
                        b.withVersion(p.version().substring(colon + 1)).withQualifier("epoch", p.version().substring(0, colon));
                    }
                    arch(b, p);
                    if (os != null) {
                        b.withNamespace("rhel".equals(os.id()) ? "redhat" : os.id());
                        if (os.versionId() != null) {
                            b.withQualifier("distro", os.id() + "-" + os.versionId());
                        }
                    }
                }
                case MAVEN -> {
                    int colon = p.name().indexOf(':');
                    b.withType("maven").withNamespace(p.name().substring(0, colon)).withName(p.name().substring(colon + 1));
                }
                case NPM -> {
                    int slash = p.name().indexOf('/');
                    b.withType("npm");
                    if (p.name().startsWith("@") && slash > 0) {
                        b.withNamespace(p.name().substring(0, slash)).withName(p.name().substring(slash + 1));
                    } else {
                        b.withName(p.name());
                    }
                }
                case PYPI -> b.withType("pypi").withName(p.name().toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-"));
                case GO -> {
                    int slash = p.name().lastIndexOf('/');
                    b.withType("golang");
                    if (slash > 0) {
                        b.withNamespace(p.name().substring(0, slash)).withName(p.name().substring(slash + 1));
                    } else {
                        b.withName(p.name());
                    }
                }
            }
            return b.build().canonicalize();
        } catch (MalformedPackageURLException | RuntimeException e) {
            return null;
        }
    }

    private static void arch(PackageURLBuilder b, FoundPackage p) {
        if (p.arch() != null && !p.arch().isBlank()) {
            b.withQualifier("arch", p.arch());
        }
    }

    private static String release(String name, String release) {
        return release == null || release.isBlank() ? name : name + ":" + release;
    }

    /**
     * The OSV ecosystem of an RPM-based OS: {@code Rocky Linux:9}, {@code AlmaLinux:8}, {@code openSUSE:Leap 15.5},
     * {@code SUSE:Linux Enterprise Server 15 SP5}, {@code Mageia:9}, {@code Fedora:40} (OSV has no Fedora data: kept
     * for the SBOM). Red Hat's OSV ecosystems name a product stream the rpmdb does not say ({@code Red Hat:enterprise_linux:9::baseos}),
     * so RHEL, CentOS and an unknown OS are recorded as {@code Red Hat}.
     */
    private static String rpmEcosystem(OsRelease os) {
        if (os == null || os.versionId() == null) {
            return "Red Hat";
        }
        String major = os.versionId().split("\\.")[0];
        return switch (os.id()) {
            case "rocky" -> "Rocky Linux:" + major;
            case "almalinux" -> "AlmaLinux:" + major;
            case "fedora" -> "Fedora:" + os.versionId();
            case "mageia" -> "Mageia:" + os.versionId();
            case "opensuse-leap" -> "openSUSE:Leap " + os.versionId();
            case "opensuse-tumbleweed" -> "openSUSE:Tumbleweed";
            case "sles" -> {
                String[] parts = os.versionId().split("\\.");
                yield "SUSE:Linux Enterprise Server " + parts[0] + (parts.length > 1 && !parts[1].equals("0") ? " SP" + parts[1] : "");
            }
            default -> "Red Hat";
        };
    }

    /** Debian's OSV ecosystems name the major release: {@code 12} of {@code VERSION_ID="12"}. */
    private static String debianMajor(OsRelease os) {
        if (os == null || os.versionId() == null || !"debian".equals(os.id())) {
            return null;
        }
        return os.versionId().split("\\.")[0];
    }

    /** Alpine's OSV ecosystems name the branch: {@code v3.19} of {@code VERSION_ID=3.19.1}. */
    private static String alpineBranch(OsRelease os) {
        if (os == null || os.versionId() == null || !"alpine".equals(os.id())) {
            return null;
        }
        String[] parts = os.versionId().split("\\.");
        return parts.length >= 2 ? "v" + parts[0] + "." + parts[1] : "v" + os.versionId();
    }
}

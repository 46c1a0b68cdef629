package io.berth.scanner.inventory;

/**
 * A package as an analyzer read it from one file, before the image's OS release is known: {@link Inventory} turns it
 * into an {@link InstalledPackage} with the OSV ecosystem and the package URL.
 *
 * @param sourceName    dpkg {@code Source:}, apk origin; null when there is none
 * @param sourceVersion the source package's version; null when it is the package's own
 * @param arch          the architecture an OS package names (amd64, x86_64); null for language packages
 * @param inner         where inside the file it was found ({@code BOOT-INF/lib/x.jar} in a fat jar); null for the file itself
 */
public record FoundPackage(PackageType type, String name, String version, String sourceName, String sourceVersion,
        String arch, String inner) {
    public static FoundPackage of(PackageType type, String name, String version) {
        return new FoundPackage(type, name, version, null, null, null, null);
    }

    public FoundPackage within(String inner) {
        return new FoundPackage(type, name, version, sourceName, sourceVersion, arch, inner);
    }
}

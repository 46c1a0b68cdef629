package io.berth.scanner.inventory;

/**
 * One package the inventory found in an image: what the vulnerability matcher and the SBOM writers work from.
 *
 * @param ecosystem     the OSV ecosystem it belongs to, as OSV spells it: {@code Debian:12}, {@code Ubuntu:22.04},
 *                      {@code Alpine:v3.19}, {@code Red Hat}, {@code Maven}, {@code npm}, {@code PyPI}, {@code Go}
 * @param name          its name in that ecosystem (Maven: {@code groupId:artifactId}; Go: the module path)
 * @param version       its installed version, as the ecosystem writes it (dpkg: with epoch and revision)
 * @param sourceName    the source package that advisories of OS ecosystems are keyed by (dpkg {@code Source:},
 *                      apk origin); equal to {@code name} when there is none
 * @param sourceVersion the source package's version; equal to {@code version} when there is none
 * @param purl          its package URL
 * @param path          where in the image it was found (the status file, the jar, the lock file)
 * @param layerDigest   the digest of the layer that brought it
 */
public record InstalledPackage(
    String ecosystem,
    String name,
    String version,
    String sourceName,
    String sourceVersion,
    String purl,
    String path,
    String layerDigest) {}

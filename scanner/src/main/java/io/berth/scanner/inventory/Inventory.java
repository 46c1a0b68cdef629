package io.berth.scanner.inventory;

import java.util.List;

/**
 * What an image holds: its OS release (null when it has none, a distroless or scratch image) and its packages,
 * one per ecosystem, name and version, sorted; what the SBOMs and the vulnerability matcher work from.
 *
 * @param compressedBytes the layer bytes pulled to build it
 */
public record Inventory(ImageRef image, OsRelease os, List<InstalledPackage> packages, long compressedBytes) {}

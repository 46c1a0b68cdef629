package io.berth.scanner.vuln.osv;

import java.util.List;

/**
 * An OSV range Berth can evaluate: type {@code ECOSYSTEM} (ordered by the package's ecosystem) or {@code SEMVER}
 * (ordered by SemVer 2.0). {@code GIT} ranges name commits, which an image's inventory does not know, and are not
 * kept.
 */
public record AffectedRange(boolean semver, List<RangeEvent> events) {}

package io.berth.core.scan;

/**
 * A scan of an artifact was recorded, or its report stored, inside that transaction (fired synchronously): pull
 * policies that read reports (prevent.PullVerdicts) recompute their verdict on it.
 */
public record ArtifactScanStateChanged(long projectId, String digest) {}

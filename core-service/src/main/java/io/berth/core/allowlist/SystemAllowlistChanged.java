package io.berth.core.allowlist;

/** The system CVE allowlist changed, inside the changing transaction (fired synchronously, observed by prevent.PullVerdicts). */
public record SystemAllowlistChanged() {}

package io.berth.core.project;

/**
 * A project's settings that pull policies read (its metadata, its CVE allowlist) changed, inside the transaction that
 * changed them; fired synchronously, so observers (prevent.PullVerdicts) recompute before it commits. An event, not a
 * call: the features that judge a project's pulls depend on the project, never the other way round.
 */
public record ProjectPolicyChanged(Project project) {}

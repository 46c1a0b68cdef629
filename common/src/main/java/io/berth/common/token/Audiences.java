package io.berth.common.token;

/** The audiences ({@code aud}) of the tokens core signs, besides the registry's (configured as {@code token.service}). */
public final class Audiences {
    /** core's calls to jobservice's {@code /jobs} API. */
    public static final String JOBSERVICE = "berth-jobservice";

    /** jobservice's calls to registry-service's internal garbage-collection API ({@code /internal/gc/}). */
    public static final String REGISTRY_GC = "berth-registry-gc";

    /** jobservice's calls to registry-service's internal scrub API ({@code /internal/scrub/}). */
    public static final String REGISTRY_SCRUB = "berth-registry-scrub";
    /** jobservice's calls to core-service's internal audit-log purge API ({@code /internal/audit/purge/}). */
    public static final String CORE_AUDIT_PURGE = "berth-core-audit-purge";
    /** jobservice's calls to core-service's internal scan API ({@code /internal/scan/}): the reports of SCAN tasks. */
    public static final String CORE_SCAN = "berth-core-scan";

    private Audiences() {}
}

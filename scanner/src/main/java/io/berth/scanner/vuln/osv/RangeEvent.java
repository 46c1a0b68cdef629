package io.berth.scanner.vuln.osv;

/**
 * One event of an OSV range ({@code affected[].ranges[].events[]}). {@code introduced: "0"} means "since the first
 * version" and is kept as {@link #isBeginning()}, since "0" is not a version in every ecosystem.
 */
public record RangeEvent(Kind kind, String version) {

    /** The event kinds of the OSV schema that matching evaluates ({@code limit} only matters to GIT ranges). */
    public enum Kind {
        INTRODUCED,
        FIXED,
        LAST_AFFECTED
    }

    public boolean isBeginning() {
        return kind == Kind.INTRODUCED && "0".equals(version);
    }
}

package io.berth.common.retention;

import java.util.List;
import java.util.Map;

/**
 * Harbor's retention rule templates ({@code GET /retentions/metadatas}): which of a rule's selected artifacts it
 * retains. Each takes at most one integer parameter, keyed by the template's own name as in Harbor
 * ({@code {"latestPushedK": 10}}).
 */
public enum Template {
    LATEST_PUSHED_K("latestPushedK", "the most recently pushed # artifacts", "COUNT"),
    LATEST_PULLED_N("latestPulledN", "the most recently pulled # artifacts", "COUNT"),
    N_DAYS_SINCE_LAST_PUSH("nDaysSinceLastPush", "pushed within the last # days", "DAYS"),
    N_DAYS_SINCE_LAST_PULL("nDaysSinceLastPull", "pulled within the last # days", "DAYS"),
    ALWAYS("always", "always", null);

    /** The largest count a COUNT template takes and the most days a DAYS template looks back (100 years). */
    public static final int MAX_COUNT = 10_000;
    public static final int MAX_DAYS = 36_500;

    private final String wire;
    private final String displayText;
    private final String unit;

    Template(String wire, String displayText, String unit) {
        this.wire = wire;
        this.displayText = displayText;
        this.unit = unit;
    }

    public String wire() {
        return wire;
    }

    public String displayText() {
        return displayText;
    }

    /** {@code COUNT}, {@code DAYS}, or null for {@link #ALWAYS}, which takes no parameter. */
    public String unit() {
        return unit;
    }

    /** The template named {@code wire}, or {@link IllegalArgumentException} naming the five. */
    public static Template of(String wire) {
        for (Template t : values()) {
            if (t.wire.equals(wire)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown rule template '" + wire + "' (" + names() + ")");
    }

    public static List<String> names() {
        return java.util.Arrays.stream(values()).map(Template::wire).toList();
    }

    /**
     * The rule's parameter checked: a whole number from 0 (a COUNT) or 1 (DAYS) up to the limit; 0 for ALWAYS,
     * which takes none. {@link IllegalArgumentException} with the reason for a missing, extra or bad value.
     */
    public int parameter(Map<String, Object> params) {
        Map<String, Object> given = params == null ? Map.of() : params;
        for (String key : given.keySet()) {
            if (unit == null || !key.equals(wire)) {
                throw new IllegalArgumentException("template " + wire + " takes " + (unit == null ? "no parameter" : "only the parameter " + wire)
                        + ", not '" + key + "'");
            }
        }
        if (unit == null) {
            return 0;
        }
        Object value = given.get(wire);
        long n;
        if (value instanceof Integer || value instanceof Long) {
            n = ((Number) value).longValue();
        } else if (value instanceof Number d && d.doubleValue() == Math.rint(d.doubleValue())) {
            n = d.longValue();
        } else if (value instanceof String s && s.trim().matches("-?\\d{1,10}")) {
            n = Long.parseLong(s.trim());
        } else {
            throw new IllegalArgumentException("template " + wire + " needs params." + wire + ", a whole number of "
                    + unit.toLowerCase() + (value == null ? "" : ", not " + value));
        }
        int min = unit.equals("DAYS") ? 1 : 0;
        int max = unit.equals("DAYS") ? MAX_DAYS : MAX_COUNT;
        if (n < min || n > max) {
            throw new IllegalArgumentException("params." + wire + " must be between " + min + " and " + max + ", not " + n);
        }
        return (int) n;
    }
}

package io.berth.scanner.vuln;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Harbor's severity scale (its {@code vuln.Severity}: the pluggable scanner spec's Unknown … Critical plus None),
 * in ascending order so that {@code compareTo} says which is worse.
 */
public enum Severity {
    NONE("None"),
    UNKNOWN("Unknown"),
    NEGLIGIBLE("Negligible"),
    LOW("Low"),
    MEDIUM("Medium"),
    HIGH("High"),
    CRITICAL("Critical");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    /** As Harbor spells it in reports and policies ({@code Critical}). */
    @JsonValue
    public String label() {
        return label;
    }

    /**
     * The CVSS v3/v4 qualitative rating of a base score: 0 None, 0.1–3.9 Low, 4.0–6.9 Medium, 7.0–8.9 High,
     * 9.0–10.0 Critical.
     */
    public static Severity ofCvssScore(double score) {
        if (score <= 0) {
            return NONE;
        }
        if (score < 4.0) {
            return LOW;
        }
        if (score < 7.0) {
            return MEDIUM;
        }
        return score < 9.0 ? HIGH : CRITICAL;
    }

    /** NVD's rating of a CVSS v2 base score: 0–3.9 Low, 4.0–6.9 Medium, 7.0–10.0 High. */
    public static Severity ofCvss2Score(double score) {
        if (score < 4.0) {
            return LOW;
        }
        return score < 7.0 ? MEDIUM : HIGH;
    }

    /**
     * A vendor's word for a severity: GitHub's {@code LOW/MODERATE/HIGH/CRITICAL}, Debian's urgencies
     * ({@code unimportant}, {@code low}, {@code medium}, {@code high}), Ubuntu's and Red Hat's priorities
     * ({@code negligible}, {@code important}). Anything else ({@code not yet assigned}) is {@link #UNKNOWN}.
     */
    public static Severity ofVendorRating(String rating) {
        if (rating == null) {
            return UNKNOWN;
        }
        String r = rating.strip().toLowerCase(Locale.ROOT);
        int star = r.indexOf('*'); // Debian writes "low*" for a guessed urgency
        if (star >= 0) {
            r = r.substring(0, star).strip();
        }
        return switch (r) {
            case "critical" -> CRITICAL;
            case "high", "important" -> HIGH;
            case "moderate", "medium" -> MEDIUM;
            case "low" -> LOW;
            case "negligible", "unimportant" -> NEGLIGIBLE;
            default -> UNKNOWN;
        };
    }
}

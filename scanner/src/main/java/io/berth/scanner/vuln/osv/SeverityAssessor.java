package io.berth.scanner.vuln.osv;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.scanner.vuln.Severity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import us.springett.cvss.Cvss;
import us.springett.cvss.CvssV2;

/**
 * Severity of an OSV record on Harbor's scale, in this order of preference:
 * <ol>
 *   <li>the base score computed from a {@code CVSS_V3} vector of {@code severity[]} (FIRST's formulas, with
 *       us.springett:cvss-calculator; 3.0 and 3.1 each with its own rounding);</li>
 *   <li>the base score of a {@code CVSS_V4} vector (CVSS v4.0's macro-vector scoring, same library);</li>
 *   <li>a vendor rating: {@code database_specific.severity} (GitHub's {@code MODERATE}…), a {@code severity} or
 *       {@code urgency} in {@code database_specific} / {@code ecosystem_specific} (Debian's urgencies), an
 *       {@code Ubuntu}-typed {@code severity[]} entry;</li>
 *   <li>the base score of a {@code CVSS_V2} vector;</li>
 *   <li>otherwise {@link Severity#UNKNOWN}.</li>
 * </ol>
 * Harbor's report carries v3 and v2 scores ({@code preferred_cvss}); a v4 score and vector go to its vendor
 * attributes.
 */
public final class SeverityAssessor {

    private SeverityAssessor() {}

    /** The CVSS vectors of a {@code severity[]} array and their scores. */
    public static CvssScores cvss(JsonNode severityArray) {
        Double scoreV3 = null;
        String vectorV3 = null;
        Double scoreV2 = null;
        String vectorV2 = null;
        Double scoreV4 = null;
        String vectorV4 = null;
        for (JsonNode s : iterable(severityArray)) {
            String type = s.path("type").asText("");
            String vector = s.path("score").asText("").strip();
            switch (type) {
                case "CVSS_V3" -> {
                    Double score = baseScore(vector);
                    if (score != null && (scoreV3 == null || score > scoreV3)) {
                        scoreV3 = score;
                        vectorV3 = vector;
                    }
                }
                case "CVSS_V2" -> {
                    Double score = baseScore(vector);
                    if (score != null && (scoreV2 == null || score > scoreV2)) {
                        scoreV2 = score;
                        vectorV2 = vector;
                    }
                }
                case "CVSS_V4" -> {
                    Double score = baseScore(vector);
                    if (score != null && (scoreV4 == null || score > scoreV4)) {
                        scoreV4 = score;
                        vectorV4 = vector;
                    }
                }
                default -> { }
            }
        }
        return new CvssScores(scoreV3, vectorV3, scoreV2, vectorV2, scoreV4, vectorV4);
    }

    /**
     * The base score of a CVSS v2, v3.x or v4.0 vector, rounded to one decimal as the specifications do; null when
     * the vector does not parse.
     */
    public static Double baseScore(String vector) {
        try {
            Cvss cvss = Cvss.fromVector(vector);
            if (cvss == null) {
                return null;
            }
            double score = cvss.calculateScore().getBaseScore();
            if (cvss instanceof CvssV2) {
                score = BigDecimal.valueOf(score).setScale(1, RoundingMode.HALF_UP).doubleValue();
            }
            return score;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The record's severity from its CVSS scores and, failing a v3 or v4 score, its vendor ratings. */
    public static Severity assess(CvssScores cvss, JsonNode record) {
        if (cvss.scoreV3() != null) {
            return Severity.ofCvssScore(cvss.scoreV3());
        }
        if (cvss.scoreV4() != null) {
            return Severity.ofCvssScore(cvss.scoreV4());
        }
        Severity vendor = vendorRating(record.path("database_specific"));
        if (vendor == null) {
            vendor = vendorRating(record.path("ecosystem_specific"));
        }
        if (vendor == null) {
            vendor = typedRating(record.path("severity"));
        }
        if (vendor != null) {
            return vendor;
        }
        if (cvss.scoreV2() != null) {
            return Severity.ofCvss2Score(cvss.scoreV2());
        }
        return Severity.UNKNOWN;
    }

    /**
     * A per-package severity from {@code affected[].severity} or {@code affected[].ecosystem_specific} /
     * {@code database_specific}; null when the entry has none.
     */
    public static Severity forAffected(JsonNode affected) {
        CvssScores own = cvss(affected.path("severity"));
        if (own.scoreV3() != null || own.scoreV4() != null) {
            return Severity.ofCvssScore(own.scoreV3() != null ? own.scoreV3() : own.scoreV4());
        }
        Severity vendor = vendorRating(affected.path("ecosystem_specific"));
        if (vendor == null) {
            vendor = vendorRating(affected.path("database_specific"));
        }
        return vendor != null ? vendor : typedRating(affected.path("severity"));
    }

    /** {@code severity} or {@code urgency} text in a {@code *_specific} object; null when absent or not a rating. */
    private static Severity vendorRating(JsonNode specific) {
        for (String field : new String[] {"severity", "urgency"}) {
            JsonNode value = specific.path(field);
            if (value.isTextual()) {
                Severity s = Severity.ofVendorRating(value.asText());
                if (s != Severity.UNKNOWN) {
                    return s;
                }
            }
        }
        return null;
    }

    /** A {@code severity[]} entry of type {@code Ubuntu} (a priority word rather than a vector). */
    private static Severity typedRating(JsonNode severityArray) {
        for (JsonNode s : iterable(severityArray)) {
            if ("Ubuntu".equals(s.path("type").asText())) {
                Severity rating = Severity.ofVendorRating(s.path("score").asText());
                if (rating != Severity.UNKNOWN) {
                    return rating;
                }
            }
        }
        return null;
    }

    static Iterable<JsonNode> iterable(JsonNode array) {
        return array.isArray() ? array : java.util.List.of();
    }
}

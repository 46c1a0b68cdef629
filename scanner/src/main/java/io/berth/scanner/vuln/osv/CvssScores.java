package io.berth.scanner.vuln.osv;

/**
 * The CVSS vectors of an OSV record's {@code severity[]} and the base scores computed from them (null when the
 * record has no vector of that version, or when it could not be parsed).
 */
public record CvssScores(Double scoreV3, String vectorV3, Double scoreV2, String vectorV2, Double scoreV4,
                         String vectorV4) {

    public static final CvssScores NONE = new CvssScores(null, null, null, null, null, null);
}

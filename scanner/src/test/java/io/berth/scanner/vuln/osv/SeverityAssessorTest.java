package io.berth.scanner.vuln.osv;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.scanner.vuln.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Base scores of FIRST's CVSS v3.1 and v2 examples, and the fallbacks when a record carries no v3 vector. */
class SeverityAssessorTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            // CVSS v3.1 specification, examples document (CVE-2014-0160, CVE-2014-6271, CVE-2013-1937, CVE-2016-0800 ...)
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N, 7.5",
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H, 9.8",
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N, 6.1",
            "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N, 5.9",
            "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H, 7.8",
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H, 10.0",
            "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:H/A:H, 9.0",
            "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H, 7.2",
            "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:H/I:N/A:N, 6.1",
            "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H, 7.5",
            // CVSS v2 guide examples (CVE-2002-0392, CVE-2003-0818)
            "AV:N/AC:L/Au:N/C:N/I:N/A:C, 7.8",
            "AV:N/AC:L/Au:N/C:C/I:C/A:C, 10.0",
            // CVSS v4.0 (FIRST's calculator)
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N, 9.3",
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N, 8.7",
            "CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N, 8.5",
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N, 0.0",
    })
    void computesTheBaseScore(String vector, double score) {
        assertThat(SeverityAssessor.baseScore(vector)).isEqualTo(score);
    }

    @Test
    void aBrokenVectorHasNoScore() {
        assertThat(SeverityAssessor.baseScore("CVSS:3.1/AV:X")).isNull();
        assertThat(SeverityAssessor.baseScore("")).isNull();
    }

    private Severity assess(String json) throws Exception {
        JsonNode record = mapper.readTree(json);
        return SeverityAssessor.assess(SeverityAssessor.cvss(record.path("severity")), record);
    }

    @Test
    void cvssV3DecidesOverTheVendorsWord() throws Exception {
        assertThat(assess("""
                {"severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:H/A:H"}],
                  "database_specific":{"severity":"MODERATE"}}""")).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void withoutAV3VectorTheV4ScoreDecides() throws Exception {
        assertThat(assess("""
                {"severity":[{"type":"CVSS_V4","score":"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N"}],
                 "database_specific":{"severity":"MODERATE"}}""")).isEqualTo(Severity.HIGH);
        assertThat(assess("""
                {"severity":[{"type":"CVSS_V4","score":"CVSS:4.0/AV:N/broken"}],
                 "database_specific":{"severity":"MODERATE"}}""")).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void vendorWordsAndTheLastResorts() throws Exception {
        assertThat(assess("{\"ecosystem_specific\":{\"urgency\":\"unimportant\"}}")).isEqualTo(Severity.NEGLIGIBLE);
        assertThat(assess("{\"database_specific\":{\"urgency\":\"low*\"}}")).isEqualTo(Severity.LOW);
        assertThat(assess("{\"severity\":[{\"type\":\"Ubuntu\",\"score\":\"medium\"}]}")).isEqualTo(Severity.MEDIUM);
        assertThat(assess("{\"severity\":[{\"type\":\"CVSS_V2\",\"score\":\"AV:N/AC:L/Au:N/C:N/I:N/A:C\"}]}"))
                .isEqualTo(Severity.HIGH);
        assertThat(assess("{\"database_specific\":{\"urgency\":\"not yet assigned\"}}")).isEqualTo(Severity.UNKNOWN);
        assertThat(assess("{}")).isEqualTo(Severity.UNKNOWN);
    }

    @Test
    void mapsScoresToHarborsScale() {
        assertThat(Severity.ofCvssScore(0.0)).isEqualTo(Severity.NONE);
        assertThat(Severity.ofCvssScore(0.1)).isEqualTo(Severity.LOW);
        assertThat(Severity.ofCvssScore(3.9)).isEqualTo(Severity.LOW);
        assertThat(Severity.ofCvssScore(4.0)).isEqualTo(Severity.MEDIUM);
        assertThat(Severity.ofCvssScore(6.9)).isEqualTo(Severity.MEDIUM);
        assertThat(Severity.ofCvssScore(7.0)).isEqualTo(Severity.HIGH);
        assertThat(Severity.ofCvssScore(8.9)).isEqualTo(Severity.HIGH);
        assertThat(Severity.ofCvssScore(9.0)).isEqualTo(Severity.CRITICAL);
    }
}

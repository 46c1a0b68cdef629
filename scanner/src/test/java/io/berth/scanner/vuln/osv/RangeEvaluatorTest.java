package io.berth.scanner.vuln.osv;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.scanner.vuln.osv.RangeEvent.Kind;
import io.berth.scanner.vuln.version.MavenVersionScheme;
import io.berth.scanner.vuln.version.SemverVersionScheme;
import io.berth.scanner.vuln.version.VersionScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The OSV schema's evaluation rules ("Evaluation" in the schema's affected[].ranges section). */
class RangeEvaluatorTest {

    private final VersionScheme semver = SemverVersionScheme.semver();

    private static AffectedRange range(String... events) {
        List<RangeEvent> out = new ArrayList<>();
        for (String e : events) {
            String[] kv = e.split("=");
            Kind kind = switch (kv[0]) {
                case "introduced" -> Kind.INTRODUCED;
                case "fixed" -> Kind.FIXED;
                default -> Kind.LAST_AFFECTED;
            };
            out.add(new RangeEvent(kind, kv[1]));
        }
        return new AffectedRange(true, out);
    }

    private Optional<String> fixFor(String version, AffectedRange range) {
        return RangeEvaluator.evaluate(version, range, semver).orElseThrow().fixedVersion();
    }

    private boolean affected(String version, AffectedRange range) {
        return RangeEvaluator.evaluate(version, range, semver).isPresent();
    }

    @Test
    void introducedIsInclusiveAndFixedExclusive() {
        AffectedRange r = range("introduced=1.0.0", "fixed=1.2.0");
        assertThat(affected("0.9.9", r)).isFalse();
        assertThat(affected("1.0.0", r)).isTrue();
        assertThat(affected("1.1.9", r)).isTrue();
        assertThat(affected("1.2.0", r)).isFalse();
        assertThat(affected("1.2.0-rc.1", r)).isTrue();
        assertThat(fixFor("1.1.0", r)).contains("1.2.0");
    }

    @Test
    void introducedZeroMeansEveryEarlierVersion() {
        AffectedRange r = range("introduced=0", "fixed=2.0.0");
        assertThat(affected("0.0.1", r)).isTrue();
        assertThat(affected("2.0.0", r)).isFalse();
    }

    @Test
    void lastAffectedIsInclusiveAndHasNoFix() {
        AffectedRange r = range("introduced=1.0.0", "last_affected=1.4.0");
        assertThat(affected("1.4.0", r)).isTrue();
        assertThat(affected("1.4.1", r)).isFalse();
        assertThat(fixFor("1.4.0", r)).isEmpty();
    }

    @Test
    void anOpenRangeAffectsEverythingAfterIntroducedWithoutAFix() {
        AffectedRange r = range("introduced=3.0.0");
        assertThat(affected("2.9.9", r)).isFalse();
        assertThat(fixFor("99.0.0", r)).isEmpty();
    }

    @Test
    void severalIntervalsInOneRangeAndUnsortedEvents() {
        AffectedRange r = range("fixed=2.3.1", "introduced=2.4.0", "introduced=0", "fixed=2.12.2", "introduced=2.13.0",
                "fixed=2.15.0");
        assertThat(affected("2.3.0", r)).isTrue();
        assertThat(fixFor("2.3.0", r)).contains("2.3.1");
        assertThat(affected("2.3.5", r)).isFalse();
        assertThat(fixFor("2.10.0", r)).contains("2.12.2");
        assertThat(affected("2.12.5", r)).isFalse();
        assertThat(fixFor("2.14.1", r)).contains("2.15.0");
        assertThat(affected("2.15.0", r)).isFalse();
    }

    @Test
    void aRangeWhoseVersionsDoNotParseSaysNothing() {
        AffectedRange r = range("introduced=not-a-version", "fixed=also-not");
        assertThat(RangeEvaluator.evaluate("1.0.0", r, semver)).isEmpty();
    }

    @Test
    void ecosystemOrderDecides() {
        AffectedRange r = new AffectedRange(false, List.of(new RangeEvent(Kind.INTRODUCED, "2.0-beta9"),
                new RangeEvent(Kind.FIXED, "2.3.1")));
        MavenVersionScheme maven = new MavenVersionScheme();
        assertThat(RangeEvaluator.evaluate("2.0-beta8", r, maven)).isEmpty();
        assertThat(RangeEvaluator.evaluate("2.0-rc1", r, maven)).isPresent();
        assertThat(RangeEvaluator.evaluate("2.0", r, maven)).isPresent();
        assertThat(RangeEvaluator.evaluate("2.3.1", r, maven)).isEmpty();
    }
}

package io.berth.scanner.vuln.version;

import static io.berth.scanner.vuln.version.VersionOrderAssert.assertOrder;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** semver.org §11's precedence examples, npm's spellings and Go's module versions. */
class SemverVersionSchemeTest {

    private final VersionScheme semver = SemverVersionScheme.semver();
    private final VersionScheme go = SemverVersionScheme.go();

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = ' ', value = {
            "1.0.0 < 2.0.0",
            "2.0.0 < 2.1.0",
            "2.1.0 < 2.1.1",
            "1.0.0-alpha < 1.0.0-alpha.1",
            "1.0.0-alpha.1 < 1.0.0-alpha.beta",
            "1.0.0-alpha.beta < 1.0.0-beta",
            "1.0.0-beta < 1.0.0-beta.2",
            "1.0.0-beta.2 < 1.0.0-beta.11",
            "1.0.0-beta.11 < 1.0.0-rc.1",
            "1.0.0-rc.1 < 1.0.0",
            "1.0.0+build.1 = 1.0.0",
            "4.17.20 < 4.17.21",
            "4.17.21 > 4.17.4",
            "v1.2.3 = 1.2.3",
    })
    void ordersAsSemverSays(String a, String op, String b) {
        assertOrder(semver, a, op, b);
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = ' ', value = {
            "v0.7.0 < v0.17.0",
            "v0.0.0-20210226172049-e18ecbb05110 < v0.0.0-20211209124913-491a49abca63",
            "v0.0.0-20211209124913-491a49abca63 < v0.7.0",
            "v2.0.0+incompatible = v2.0.0",
            "v2.0.0+incompatible < v2.0.1",
            "v1.10.0 > v1.9.9",
    })
    void ordersGoModuleVersions(String a, String op, String b) {
        assertOrder(go, a, op, b);
    }

    @Test
    void refusesWhatIsNotSemver() {
        assertThatThrownBy(() -> semver.compare("1.0", "1.0.0")).isInstanceOf(InvalidVersionException.class);
        assertThatThrownBy(() -> go.compare("latest", "v1.0.0")).isInstanceOf(InvalidVersionException.class);
    }
}

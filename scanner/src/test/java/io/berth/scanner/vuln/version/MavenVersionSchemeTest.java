package io.berth.scanner.vuln.version;

import static io.berth.scanner.vuln.version.VersionOrderAssert.assertOrder;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Maven's documented order (ComparableVersion's javadoc and Maven's version-order specification). */
class MavenVersionSchemeTest {

    private final MavenVersionScheme maven = new MavenVersionScheme();

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = ' ', value = {
            "1 = 1.0",
            "1.0 = 1.0.0",
            "1.0-alpha-1 < 1.0-beta-1",
            "1.0-beta-1 < 1.0-milestone-1",
            "1.0-milestone-1 < 1.0-rc-1",
            "1.0-rc-1 = 1.0-cr-1",
            "1.0-rc-1 < 1.0-SNAPSHOT",
            "1.0-SNAPSHOT < 1.0",
            "1.0 = 1.0-ga",
            "1.0 = 1.0-final",
            "1.0 < 1.0-sp",
            "1.0-sp < 1.0.1",
            "2.14.1 < 2.15.0",
            "2.0-beta9 < 2.3.1",
            "2.0-beta9 < 2.0",
            "2.12.6.1 > 2.12.6",
            "2.12.6.1 < 2.12.7",
            "2.13.4.2 > 2.13.4",
            "2.13.4.1 < 2.13.4.2",
            "1.9 < 1.10",
    })
    void ordersAsMavenDoes(String a, String op, String b) {
        assertOrder(maven, a, op, b);
    }
}

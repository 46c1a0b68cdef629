package io.berth.scanner.vuln.version;

import static io.berth.scanner.vuln.version.VersionOrderAssert.assertOrder;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rows from rpm's own rpmvercmp tests (tests/rpmvercmp.at) plus epoch and release cases. */
class RpmVersionSchemeTest {

    private final RpmVersionScheme rpm = new RpmVersionScheme();

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = ' ', value = {
            "1.0 = 1.0",
            "1.0 < 2.0",
            "2.0.1 > 2.0",
            "2.0.1a > 2.0.1",
            "5.5p1 < 5.5p2",
            "5.5p10 > 5.5p2",
            "10xyz < 10.1xyz",
            "xyz10 < xyz10.1",
            "xyz.4 < 8",
            "xyz.4 < 2",
            "5.5p2 < 5.6p1",
            "5.6p1 < 6.5p1",
            "6.0.rc1 > 6.0",
            "10b2 > 10a1",
            "1.0aa > 1.0a",
            "10.0001 = 10.1",
            "10.0001 < 10.0039",
            "4.999.9 < 5.0",
            "20101121 > 20101120",
            "1.0~rc1 < 1.0",
            "1.0~rc1 < 1.0~rc2",
            "1.0~rc1~git123 < 1.0~rc1",
            "1.0^ > 1.0",
            "1.0^git1 > 1.0",
            "1.0^git1 < 1.01",
            "1.0^20160101 < 1.0.1",
            "1.0~rc1^git1 < 1.0~rc1^git2",
            "1.0 = 0:1.0",
            "1:1.0 > 2.0",
            "1.0-1 < 1.0-2",
            "1.0-1.el8 < 1.0-1.el9",
            "1.1.1k-7.el8_6 > 1.1.1k-6.el8_5",
    })
    void ordersAsRpmvercmpDoes(String a, String op, String b) {
        assertOrder(rpm, a, op, b);
    }
}

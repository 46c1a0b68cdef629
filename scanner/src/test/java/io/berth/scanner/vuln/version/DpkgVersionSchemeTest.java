package io.berth.scanner.vuln.version;

import static io.berth.scanner.vuln.version.VersionOrderAssert.assertOrder;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rows from Debian Policy 5.6.12 and dpkg's own test suite (t-version). */
class DpkgVersionSchemeTest {

    private final DpkgVersionScheme dpkg = new DpkgVersionScheme();

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = ' ', value = {
            "1.0 = 1.0",
            "1.0 = 0:1.0",
            "1.0-0 = 1.0",
            "1.0 < 1.1",
            "1.9 < 1.10",
            "1.0~rc1 < 1.0",
            "1.0~~ < 1.0~",
            "1.0~~a < 1.0~",
            "1.0~ < 1.0",
            "1.0 < 1.0a",
            "1.0a < 1.0+",
            "1.0+ < 1.0.",
            "1.0-1 < 1.0-2",
            "1.0-9 < 1.0-10",
            "1:0.1 > 2.0",
            "1:1.2.13.dfsg-1 > 1:1.2.11.dfsg-4.1",
            "1:1.2.13.dfsg-1 < 1:1.2.13.dfsg-1+deb12u1",
            "3.0.19-1~deb12u2 < 3.0.19-1",
            "3.0.19-1~deb12u2 > 3.0.17-1~deb12u3",
            "3.0.15-1~deb12u1 < 3.0.19-1~deb12u2",
            "2.36-9+deb12u14 > 2.36-9+deb12u9",
            "2.36-9+deb12u4 < 2.36-9+deb12u10",
            "007 = 7",
            "1.0-1 < 1.0.1",
    })
    void ordersAsDpkgDoes(String a, String op, String b) {
        assertOrder(dpkg, a, op, b);
    }

    @Test
    void refusesWhatIsNotADebianVersion() {
        assertThatThrownBy(() -> dpkg.compare("a:1.0", "1.0")).isInstanceOf(InvalidVersionException.class);
        assertThatThrownBy(() -> dpkg.compare("abc", "1.0")).isInstanceOf(InvalidVersionException.class);
        assertThatThrownBy(() -> dpkg.compare("", "1.0")).isInstanceOf(InvalidVersionException.class);
    }
}

package io.berth.scanner.vuln.version;

import static io.berth.scanner.vuln.version.VersionOrderAssert.assertOrder;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rows in the manner of apk-tools' test/version.data ({@code apk version -t a b}). */
class ApkVersionSchemeTest {

    private final ApkVersionScheme apk = new ApkVersionScheme();

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = ' ', value = {
            "1.0 = 1.0",
            "1.0 = 1.0-r0",
            "1.0-r1 > 1.0",
            "1.0-r9 < 1.0-r10",
            "1.0 < 1.0.1",
            "1.9 < 1.10",
            "1.01 < 1.1",
            "1.001 < 1.01",
            "1.0 < 1.0a",
            "1.0a < 1.0b",
            "1.0z < 1.0.1",
            "1.0_alpha < 1.0_beta",
            "1.0_beta < 1.0_pre",
            "1.0_pre < 1.0_rc",
            "1.0_rc1 < 1.0",
            "1.0_rc1 < 1.0_rc2",
            "1.0 < 1.0_cvs",
            "1.0_git20230101 < 1.0_p1",
            "1.0 < 1.0_p1",
            "1.0_p1 < 1.0_p2",
            "1.0_alpha1 < 1.0_alpha2",
            "0.1.0_alpha < 2.34",
            "3.1.4-r0 < 3.1.4-r1",
            "3.1.4-r5 < 3.1.5-r0",
            "3.1.3-r0 < 3.1.4-r0",
            "1.2.4_git20230717-r4 > 1.2.4-r4",
            "1.0~abc123 = 1.0",
    })
    void ordersAsApkDoes(String a, String op, String b) {
        assertOrder(apk, a, op, b);
    }

    @Test
    void refusesWhatIsNotAnAlpineVersion() {
        assertThatThrownBy(() -> apk.compare("1.0_foo", "1.0")).isInstanceOf(InvalidVersionException.class);
        assertThatThrownBy(() -> apk.compare("v1.0", "1.0")).isInstanceOf(InvalidVersionException.class);
        assertThatThrownBy(() -> apk.compare("1.0-rx", "1.0")).isInstanceOf(InvalidVersionException.class);
    }
}

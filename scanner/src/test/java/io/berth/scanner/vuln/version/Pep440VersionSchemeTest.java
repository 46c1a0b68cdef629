package io.berth.scanner.vuln.version;

import static io.berth.scanner.vuln.version.VersionOrderAssert.assertOrder;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PEP 440's summary of ordering ("Summary of permitted suffixes and relative ordering") and its normalisations. */
class Pep440VersionSchemeTest {

    private final Pep440VersionScheme pep440 = new Pep440VersionScheme();

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = ' ', value = {
            "1.0.dev456 < 1.0a1",
            "1.0a1 < 1.0a2.dev456",
            "1.0a2.dev456 < 1.0a12.dev456",
            "1.0a12.dev456 < 1.0a12",
            "1.0a12 < 1.0b1.dev456",
            "1.0b1.dev456 < 1.0b2",
            "1.0b2 < 1.0b2.post345.dev456",
            "1.0b2.post345.dev456 < 1.0b2.post345",
            "1.0b2.post345 < 1.0rc1.dev456",
            "1.0rc1.dev456 < 1.0rc1",
            "1.0rc1 < 1.0",
            "1.0 < 1.0+abc.5",
            "1.0+abc.5 < 1.0+abc.7",
            "1.0+abc.7 < 1.0+5",
            "1.0+5 < 1.0.post456.dev34",
            "1.0.post456.dev34 < 1.0.post456",
            "1.0.post456 < 1.1.dev1",
            "1.0 = 1.0.0",
            "1.0 = v1.0",
            "1.0a1 = 1.0alpha1",
            "1.0c1 = 1.0rc1",
            "1.0-pre1 = 1.0rc1",
            "1.0-1 = 1.0.post1",
            "1.0.POST1 = 1.0.post1",
            "1!0.5 > 2.0",
            "2.25.1 < 2.31.0",
            "1.26.4 < 1.26.5",
            "1.26.18 > 1.26.5",
            "1.9 < 1.10",
    })
    void ordersAsPep440Says(String a, String op, String b) {
        assertOrder(pep440, a, op, b);
    }

    @Test
    void refusesWhatIsNotAPep440Version() {
        assertThatThrownBy(() -> pep440.compare("1.0-foo", "1.0")).isInstanceOf(InvalidVersionException.class);
        assertThatThrownBy(() -> pep440.compare("latest", "1.0")).isInstanceOf(InvalidVersionException.class);
    }
}

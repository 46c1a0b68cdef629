package io.berth.scanner.vuln.version;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks one row of a version table: {@code a <op> b} with op one of {@code <}, {@code =}, {@code >}, both ways. */
final class VersionOrderAssert {

    private VersionOrderAssert() {}

    static void assertOrder(VersionScheme scheme, String a, String op, String b) {
        int expected = switch (op) {
            case "<" -> -1;
            case "=" -> 0;
            case ">" -> 1;
            default -> throw new IllegalArgumentException(op);
        };
        assertThat(Integer.signum(scheme.compare(a, b))).as("%s %s %s (%s)", a, op, b, scheme.name()).isEqualTo(expected);
        assertThat(Integer.signum(scheme.compare(b, a))).as("%s reversed: %s vs %s", scheme.name(), b, a)
                .isEqualTo(-expected);
    }
}

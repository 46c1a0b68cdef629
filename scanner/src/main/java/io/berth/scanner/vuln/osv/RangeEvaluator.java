package io.berth.scanner.vuln.osv;

import io.berth.scanner.vuln.version.InvalidVersionException;
import io.berth.scanner.vuln.version.VersionScheme;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates OSV ranges as the schema's "Evaluation" section says: the events sorted by version (an
 * {@code introduced: "0"} first), then walked in order — at or after {@code introduced} the version is affected, at
 * or after {@code fixed}, or after {@code last_affected}, it no longer is. A range whose versions do not parse in
 * the scheme is skipped (it can say nothing about this version).
 */
public final class RangeEvaluator {

    /** The outcome for an affected version: the fixed version that ends its range, empty when none does yet. */
    public record Affected(Optional<String> fixedVersion) {}

    private RangeEvaluator() {}

    /**
     * Whether {@code version} lies in the range.
     *
     * @return the outcome when affected, empty when not (or when the range cannot be evaluated)
     * @throws InvalidVersionException when {@code version} itself is not a version of the scheme
     */
    public static Optional<Affected> evaluate(String version, AffectedRange range, VersionScheme scheme) {
        scheme.compare(version, version); // fails fast on an installed version the scheme does not know
        List<RangeEvent> sorted = new ArrayList<>(range.events());
        try {
            sorted.sort(Comparator.comparing((RangeEvent e) -> !e.isBeginning())
                    .thenComparing((a, b) -> a.isBeginning() || b.isBeginning()
                            ? 0 : scheme.compare(a.version(), b.version())));
        } catch (InvalidVersionException e) {
            return Optional.empty();
        }
        boolean affected = false;
        for (RangeEvent e : sorted) {
            switch (e.kind()) {
                case INTRODUCED -> {
                    if (e.isBeginning() || scheme.compare(version, e.version()) >= 0) {
                        affected = true;
                    }
                }
                case FIXED -> {
                    if (scheme.compare(version, e.version()) >= 0) {
                        affected = false;
                    }
                }
                case LAST_AFFECTED -> {
                    if (scheme.compare(version, e.version()) > 0) {
                        affected = false;
                    }
                }
                default -> throw new IllegalStateException(e.kind().toString());
            }
        }
        if (!affected) {
            return Optional.empty();
        }
        Optional<String> fix = sorted.stream()
                .filter(e -> e.kind() == RangeEvent.Kind.FIXED && scheme.compare(version, e.version()) < 0)
                .map(RangeEvent::version)
                .findFirst();
        return Optional.of(new Affected(fix));
    }
}

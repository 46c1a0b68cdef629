package io.berth.scanner.vuln.osv;

import io.berth.scanner.vuln.Severity;
import java.util.List;

/**
 * One {@code affected[]} entry of an OSV record: the package (ecosystem and name as the record writes them), its
 * ranges and explicit versions, and the record it belongs to (shared by all its entries).
 *
 * @param severity the entry's own severity ({@code affected[].severity}, {@code ecosystem_specific}) when the record
 *                 gives one per package, else null (the advisory's applies)
 */
public record AffectedPackage(
        Advisory advisory,
        String ecosystem,
        String name,
        List<AffectedRange> ranges,
        List<String> versions,
        Severity severity) {

    /** The severity of a finding from this entry. */
    public Severity effectiveSeverity() {
        return severity != null ? severity : advisory.severity();
    }
}

package io.berth.scanner.vuln.osv;

import static io.berth.scanner.vuln.osv.SeverityAssessor.iterable;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.scanner.vuln.Severity;
import io.berth.scanner.vuln.version.VersionSchemes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one OSV record (schema https://ossf.github.io/osv-schema/) into the {@link AffectedPackage}s Berth keeps.
 * Not thread-safe: one parser per load, whose string pool makes the many repeated ecosystems, names and versions
 * one object each.
 */
public final class OsvRecordParser {

    static final int MAX_DESCRIPTION = 2000;
    static final int MAX_LINKS = 10;
    private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");
    private static final Pattern PREFIXED_CVE = Pattern.compile("[A-Z]+-(CVE-\\d{4}-\\d{4,})");

    private final Map<String, String> pool = new HashMap<>();

    /**
     * The affected packages of a record, empty for a withdrawn record or one with no package Berth can match.
     *
     * @throws InvalidOsvRecordException when the record lacks what the schema requires (an id, package names)
     */
    public List<AffectedPackage> parse(JsonNode record) {
        if (!record.isObject()) {
            throw new InvalidOsvRecordException("an OSV record is a JSON object");
        }
        String id = record.path("id").asText("").strip();
        if (id.isEmpty()) {
            throw new InvalidOsvRecordException("the record has no id");
        }
        if (record.hasNonNull("withdrawn")) {
            return List.of();
        }
        JsonNode affected = record.path("affected");
        if (!affected.isArray() || affected.isEmpty()) {
            return List.of();
        }
        Advisory advisory = advisory(id, record);
        List<AffectedPackage> out = new ArrayList<>();
        for (JsonNode entry : affected) {
            AffectedPackage pkg = affectedPackage(advisory, entry);
            if (pkg != null) {
                out.add(pkg);
            }
        }
        return out;
    }

    private Advisory advisory(String id, JsonNode record) {
        List<String> aliases = texts(record.path("aliases"));
        CvssScores cvss = SeverityAssessor.cvss(record.path("severity"));
        Severity severity = SeverityAssessor.assess(cvss, record);
        String details = record.path("details").asText("").strip();
        String description = details.isEmpty() ? record.path("summary").asText("").strip() : details;
        if (description.length() > MAX_DESCRIPTION) {
            description = description.substring(0, MAX_DESCRIPTION - 1) + "…";
        }
        Set<String> links = new LinkedHashSet<>();
        links.add("https://osv.dev/vulnerability/" + id);
        for (JsonNode ref : iterable(record.path("references"))) {
            String url = ref.path("url").asText("");
            if (!url.isEmpty() && links.size() < MAX_LINKS) {
                links.add(url);
            }
        }
        List<String> cwes = new ArrayList<>();
        for (String cwe : texts(record.path("database_specific").path("cwe_ids"))) {
            cwes.add(intern(cwe));
        }
        return new Advisory(id, reportedId(id, aliases, texts(record.path("upstream"))), List.copyOf(aliases),
                description, List.copyOf(links), cvss, severity, List.copyOf(cwes));
    }

    /** The CVE a report names: the record's own id, its only CVE alias or upstream, or the CVE inside its id. */
    static String reportedId(String id, List<String> aliases, List<String> upstream) {
        if (CVE.matcher(id).matches()) {
            return id;
        }
        for (List<String> candidates : List.of(aliases, upstream)) {
            List<String> cves = candidates.stream().filter(a -> CVE.matcher(a).matches()).distinct().toList();
            if (cves.size() == 1) {
                return cves.get(0);
            }
            if (cves.size() > 1) {
                return id;
            }
        }
        Matcher m = PREFIXED_CVE.matcher(id);
        return m.matches() ? m.group(1) : id;
    }

    private AffectedPackage affectedPackage(Advisory advisory, JsonNode entry) {
        JsonNode pkg = entry.path("package");
        String ecosystem = pkg.path("ecosystem").asText("").strip();
        String name = pkg.path("name").asText("").strip();
        if (ecosystem.isEmpty() || name.isEmpty()) {
            return null; // affected[] of a GIT-only record names a repository, not a package
        }
        List<AffectedRange> ranges = new ArrayList<>();
        for (JsonNode range : iterable(entry.path("ranges"))) {
            String type = range.path("type").asText("");
            if (!type.equals("ECOSYSTEM") && !type.equals("SEMVER")) {
                continue;
            }
            List<RangeEvent> events = new ArrayList<>();
            for (JsonNode event : iterable(range.path("events"))) {
                RangeEvent e = event(event);
                if (e != null) {
                    events.add(e);
                }
            }
            if (!events.isEmpty()) {
                ranges.add(new AffectedRange(type.equals("SEMVER"), List.copyOf(events)));
            }
        }
        List<String> versions = new ArrayList<>();
        boolean knownOrder = VersionSchemes.forEcosystem(ecosystem).isPresent();
        if (ranges.stream().noneMatch(r -> r.semver() || knownOrder)) {
            // With an evaluable range the list only enumerates it (Debian's and PyPI's records list every affected
            // version of a release): kept only where it is all there is to match with.
            for (String v : texts(entry.path("versions"))) {
                versions.add(intern(v));
            }
        }
        if (ranges.isEmpty() && versions.isEmpty()) {
            return null;
        }
        return new AffectedPackage(advisory, intern(ecosystem), intern(name), List.copyOf(ranges),
                List.copyOf(versions), SeverityAssessor.forAffected(entry));
    }

    private RangeEvent event(JsonNode event) {
        if (event.hasNonNull("introduced")) {
            return new RangeEvent(RangeEvent.Kind.INTRODUCED, intern(event.get("introduced").asText()));
        }
        if (event.hasNonNull("fixed")) {
            return new RangeEvent(RangeEvent.Kind.FIXED, intern(event.get("fixed").asText()));
        }
        if (event.hasNonNull("last_affected")) {
            return new RangeEvent(RangeEvent.Kind.LAST_AFFECTED, intern(event.get("last_affected").asText()));
        }
        return null; // limit: only meaningful for GIT ranges
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : iterable(array)) {
            if (n.isTextual() && !n.asText().isBlank()) {
                out.add(n.asText().strip());
            }
        }
        return out;
    }

    private String intern(String s) {
        return pool.computeIfAbsent(s, k -> k);
    }
}

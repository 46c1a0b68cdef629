package io.berth.scanner.vuln.osv;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An immutable OSV database indexed by (ecosystem, package name): what one scan matches against. A reload builds a
 * new one and swaps it in ({@link ReloadingOsvDatabase}); a scan keeps the one it started with.
 */
public final class OsvDatabase {

    private final Map<String, List<AffectedPackage>> byPackage;
    private final int recordCount;

    private OsvDatabase(Map<String, List<AffectedPackage>> byPackage, int recordCount) {
        this.byPackage = byPackage;
        this.recordCount = recordCount;
    }

    /** Indexes the affected packages of every loaded file. */
    public static OsvDatabase of(Collection<List<AffectedPackage>> files) {
        Map<String, List<AffectedPackage>> index = new HashMap<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (List<AffectedPackage> file : files) {
            for (AffectedPackage p : file) {
                index.computeIfAbsent(key(p.ecosystem(), p.name()), k -> new ArrayList<>(2)).add(p);
                ids.add(p.advisory().id());
            }
        }
        index.replaceAll((k, v) -> List.copyOf(v));
        return new OsvDatabase(Map.copyOf(index), ids.size());
    }

    /** The OSV entries about one package; empty when the database has none. */
    public List<AffectedPackage> lookup(String ecosystem, String name) {
        return byPackage.getOrDefault(key(ecosystem, name), List.of());
    }

    /** How many distinct records (by id) affect at least one package. */
    public int recordCount() {
        return recordCount;
    }

    /** How many distinct (ecosystem, package) keys the index holds. */
    public int packageCount() {
        return byPackage.size();
    }

    public boolean isEmpty() {
        return byPackage.isEmpty();
    }

    /**
     * The index key. Ubuntu's {@code :LTS} suffix is dropped ({@code Ubuntu:22.04:LTS} is what an inventory calls
     * {@code Ubuntu:22.04}); PyPI names are normalised as PEP 503 says ({@code Foo_Bar} = {@code foo-bar}).
     */
    static String key(String ecosystem, String name) {
        String eco = ecosystem.endsWith(":LTS") ? ecosystem.substring(0, ecosystem.length() - 4) : ecosystem;
        String n = eco.equals("PyPI") ? name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-") : name;
        return eco + '\u0000' + n;
    }
}

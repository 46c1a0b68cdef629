package io.berth.scanner.vuln.version;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python's version order, PEP 440 (as the {@code packaging} library sorts): {@code [N!]N(.N)*[{a|b|rc}N][.postN]
 * [.devN][+local]} with the spellings PEP 440 normalises ({@code alpha}, {@code c}, {@code pre}, {@code preview},
 * {@code -1} for {@code .post1}, separators {@code . - _}, case). Order: epoch, release (trailing zeros ignored:
 * {@code 1.0 == 1.0.0}), then {@code 1.0.dev1 < 1.0a1.dev1 < 1.0a1 < 1.0a1.post1 < 1.0b1 < 1.0rc1 < 1.0 <
 * 1.0.post1.dev1 < 1.0.post1 < 1.0+local}; local segments compare numbers as numbers and above strings. No Java
 * library implements PEP 440, so this one follows the specification and {@code packaging}'s comparison key.
 */
public final class Pep440VersionScheme implements VersionScheme {

    private static final Pattern GRAMMAR = Pattern.compile(
            "v?(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\\.[0-9]+)*)"
                    + "(?<pre>[-_.]?(?<prel>alpha|beta|preview|pre|a|b|c|rc)[-_.]?(?<pren>[0-9]+)?)?"
                    + "(?<post>-(?<postn1>[0-9]+)|[-_.]?(?<postl>post|rev|r)[-_.]?(?<postn2>[0-9]+)?)?"
                    + "(?<dev>[-_.]?dev[-_.]?(?<devn>[0-9]+)?)?"
                    + "(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?");

    /** Pre-release kinds in order; {@code RELEASE} stands for "no pre-release", {@code DEV_ONLY} for a bare .devN. */
    private static final int DEV_ONLY = -1;
    private static final int RELEASE = 3;

    private record Parsed(BigInteger epoch, List<BigInteger> release, int preKind, BigInteger preNumber,
                                                BigInteger post, BigInteger dev, String[] local) {}

    @Override
    public int compare(String a, String b) {
        Parsed x = parse(a);
        Parsed y = parse(b);
        int c = x.epoch.compareTo(y.epoch);
        if (c != 0) {
            return c;
        }
        int n = Math.max(x.release.size(), y.release.size());
        for (int k = 0; k < n; k++) {
            BigInteger p = k < x.release.size() ? x.release.get(k) : BigInteger.ZERO;
            BigInteger q = k < y.release.size() ? y.release.get(k) : BigInteger.ZERO;
            c = p.compareTo(q);
            if (c != 0) {
                return Integer.signum(c);
            }
        }
        c = x.preKind != y.preKind ? Integer.compare(x.preKind, y.preKind) : x.preNumber.compareTo(y.preNumber);
        if (c != 0) {
            return Integer.signum(c);
        }
        c = compareAbsentLowest(x.post, y.post);
        if (c != 0) {
            return c;
        }
        c = compareAbsentHighest(x.dev, y.dev);
        if (c != 0) {
            return c;
        }
        return compareLocal(x.local, y.local);
    }

    @Override
    public String name() {
        return "PEP 440";
    }

    private Parsed parse(String version) {
        Matcher m = GRAMMAR.matcher(version.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new InvalidVersionException(name(), version);
        }
        BigInteger epoch = m.group("epoch") == null ? BigInteger.ZERO : new BigInteger(m.group("epoch"));
        List<BigInteger> release = new ArrayList<>();
        for (String part : m.group("release").split("\\.")) {
            release.add(new BigInteger(part));
        }
        BigInteger post = null;
        if (m.group("post") != null) {
            String digits = m.group("postn1") != null ? m.group("postn1") : m.group("postn2");
            post = digits == null ? BigInteger.ZERO : new BigInteger(digits);
        }
        BigInteger dev = null;
        if (m.group("dev") != null) {
            dev = m.group("devn") == null ? BigInteger.ZERO : new BigInteger(m.group("devn"));
        }
        int preKind;
        BigInteger preNumber = BigInteger.ZERO;
        if (m.group("pre") != null) {
            preKind = switch (m.group("prel")) {
                case "a", "alpha" -> 0;
                case "b", "beta" -> 1;
                default -> 2; // rc, c, pre, preview
            };
            preNumber = m.group("pren") == null ? BigInteger.ZERO : new BigInteger(m.group("pren"));
        } else if (post == null && dev != null) {
            preKind = DEV_ONLY;
        } else {
            preKind = RELEASE;
        }
        String[] local = m.group("local") == null ? null : m.group("local").split("[-_.]");
        return new Parsed(epoch, release, preKind, preNumber, post, dev, local);
    }

    private static int compareAbsentLowest(BigInteger a, BigInteger b) {
        if (a == null || b == null) {
            return a == b ? 0 : a == null ? -1 : 1;
        }
        return Integer.signum(a.compareTo(b));
    }

    private static int compareAbsentHighest(BigInteger a, BigInteger b) {
        if (a == null || b == null) {
            return a == b ? 0 : a == null ? 1 : -1;
        }
        return Integer.signum(a.compareTo(b));
    }

    /** No local part sorts first; numeric segments sort above alphanumeric ones; a longer local wins a tie. */
    private static int compareLocal(String[] a, String[] b) {
        if (a == null || b == null) {
            return a == b ? 0 : a == null ? -1 : 1;
        }
        for (int k = 0; k < Math.min(a.length, b.length); k++) {
            boolean na = a[k].chars().allMatch(Character::isDigit);
            boolean nb = b[k].chars().allMatch(Character::isDigit);
            int c;
            if (na && nb) {
                c = new BigInteger(a[k]).compareTo(new BigInteger(b[k]));
            } else if (na != nb) {
                c = na ? 1 : -1;
            } else {
                c = a[k].compareTo(b[k]);
            }
            if (c != 0) {
                return Integer.signum(c);
            }
        }
        return Integer.compare(a.length, b.length);
    }
}

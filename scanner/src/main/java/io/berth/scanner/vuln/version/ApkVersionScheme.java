package io.berth.scanner.vuln.version;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Alpine's version order (apk-tools, {@code apk version -t}): {@code number{.number}[letter]{_suffix[number]}
 * [~hash][-rN]}.
 * <ul>
 *   <li>numbers compare as integers, except that a number after the first with a leading zero compares as a
 *       decimal fraction ({@code 1.01 < 1.1}); with the other parts equal, more numbers is newer
 *       ({@code 1.0 < 1.0.1});</li>
 *   <li>a letter is newer than none ({@code 1.0 < 1.0a < 1.0b});</li>
 *   <li>suffixes: {@code _alpha < _beta < _pre < _rc <} (none) {@code < _cvs < _svn < _git < _hg < _p}, then their
 *       numbers ({@code 1.0_rc1 < 1.0 < 1.0_p1});</li>
 *   <li>the package release {@code -rN} last (absent = {@code -r0}); a commit hash {@code ~abc} is not ordered.</li>
 * </ul>
 */
public final class ApkVersionScheme implements VersionScheme {

    private static final Pattern GRAMMAR = Pattern.compile(
            "(\\d+(?:\\.\\d+)*)([a-z]?)((?:_(?:alpha|beta|pre|rc|cvs|svn|git|hg|p)\\d*)*)(~[0-9a-f]+)?(?:-r(\\d+))?");
    private static final Pattern SUFFIX = Pattern.compile("_(alpha|beta|pre|rc|cvs|svn|git|hg|p)(\\d*)");
    private static final List<String> SUFFIX_ORDER =
            List.of("alpha", "beta", "pre", "rc", "", "cvs", "svn", "git", "hg", "p");
    private static final int NO_SUFFIX = SUFFIX_ORDER.indexOf("");

    private record Suffix(int rank, long number) {}

    private record Parsed(String[] numbers, char letter, List<Suffix> suffixes, long release) {}

    @Override
    public int compare(String a, String b) {
        Parsed x = parse(a);
        Parsed y = parse(b);
        int n = Math.min(x.numbers.length, y.numbers.length);
        for (int k = 0; k < n; k++) {
            int c = compareNumber(x.numbers[k], y.numbers[k], k == 0);
            if (c != 0) {
                return c;
            }
        }
        if (x.numbers.length != y.numbers.length) {
            return Integer.compare(x.numbers.length, y.numbers.length);
        }
        if (x.letter != y.letter) {
            return Character.compare(x.letter, y.letter);
        }
        int s = Math.max(x.suffixes.size(), y.suffixes.size());
        for (int k = 0; k < s; k++) {
            Suffix p = k < x.suffixes.size() ? x.suffixes.get(k) : new Suffix(NO_SUFFIX, 0);
            Suffix q = k < y.suffixes.size() ? y.suffixes.get(k) : new Suffix(NO_SUFFIX, 0);
            int c = p.rank != q.rank ? Integer.compare(p.rank, q.rank) : Long.compare(p.number, q.number);
            if (c != 0) {
                return c;
            }
        }
        return Long.compare(x.release, y.release);
    }

    @Override
    public String name() {
        return "apk";
    }

    private Parsed parse(String version) {
        Matcher m = GRAMMAR.matcher(version.strip());
        if (!m.matches()) {
            throw new InvalidVersionException(name(), version);
        }
        try {
            List<Suffix> suffixes = new ArrayList<>();
            Matcher sm = SUFFIX.matcher(m.group(3));
            while (sm.find()) {
                long number = sm.group(2).isEmpty() ? 0 : Long.parseLong(sm.group(2));
                suffixes.add(new Suffix(SUFFIX_ORDER.indexOf(sm.group(1)), number));
            }
            char letter = m.group(2).isEmpty() ? 0 : m.group(2).charAt(0);
            long release = m.group(5) == null ? 0 : Long.parseLong(m.group(5));
            return new Parsed(m.group(1).split("\\."), letter, suffixes, release);
        } catch (NumberFormatException e) {
            throw new InvalidVersionException(name(), version, e);
        }
    }

    /** Integers, or decimal fractions when a non-first number starts with 0 (apk-tools' rule). */
    private static int compareNumber(String a, String b, boolean first) {
        if (!first && (a.startsWith("0") || b.startsWith("0"))) {
            return Integer.signum(a.compareTo(b));
        }
        String x = a.replaceFirst("^0+(?=\\d)", "");
        String y = b.replaceFirst("^0+(?=\\d)", "");
        return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : Integer.signum(x.compareTo(y));
    }
}

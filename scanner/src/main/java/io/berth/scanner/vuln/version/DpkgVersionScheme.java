package io.berth.scanner.vuln.version;

/**
 * Debian's version order (Debian Policy 5.6.12, dpkg's {@code verrevcmp}): {@code [epoch:]upstream[-revision]},
 * compared epoch first (a number, 0 when absent), then upstream, then revision. Upstream and revision are compared
 * in alternating runs of non-digits and digits: non-digit runs character by character where letters sort before
 * other characters and {@code ~} before everything, even the end of the string ({@code 1.0~rc1 < 1.0}); digit runs
 * as numbers. Used for Debian and Ubuntu.
 */
public final class DpkgVersionScheme implements VersionScheme {

    @Override
    public int compare(String a, String b) {
        Parsed x = parse(a);
        Parsed y = parse(b);
        int c = Long.compare(x.epoch, y.epoch);
        if (c != 0) {
            return c;
        }
        c = verrevcmp(x.upstream, y.upstream);
        return c != 0 ? c : verrevcmp(x.revision, y.revision);
    }

    @Override
    public String name() {
        return "dpkg";
    }

    private record Parsed(long epoch, String upstream, String revision) {}

    private Parsed parse(String version) {
        String v = version.strip();
        long epoch = 0;
        int colon = v.indexOf(':');
        if (colon >= 0) {
            String e = v.substring(0, colon);
            if (e.isEmpty() || !e.chars().allMatch(Character::isDigit) || e.length() > 9) {
                throw new InvalidVersionException(name(), version);
            }
            epoch = Long.parseLong(e);
            v = v.substring(colon + 1);
        }
        int dash = v.lastIndexOf('-');
        String upstream = dash >= 0 ? v.substring(0, dash) : v;
        String revision = dash >= 0 ? v.substring(dash + 1) : "";
        if (upstream.isEmpty() || !Character.isDigit(upstream.charAt(0))) {
            throw new InvalidVersionException(name(), version);
        }
        return new Parsed(epoch, upstream, revision);
    }

    private static int order(String s, int i) {
        if (i >= s.length()) {
            return 0;
        }
        char c = s.charAt(i);
        if (Character.isDigit(c)) {
            return 0;
        }
        if (isAsciiLetter(c)) {
            return c;
        }
        if (c == '~') {
            return -1;
        }
        return c + 256;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean digitAt(String s, int i) {
        return i < s.length() && Character.isDigit(s.charAt(i));
    }

    static int verrevcmp(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            int firstDiff = 0;
            while ((i < a.length() && !digitAt(a, i)) || (j < b.length() && !digitAt(b, j))) {
                int ac = order(a, i);
                int bc = order(b, j);
                if (ac != bc) {
                    return ac - bc;
                }
                i++;
                j++;
            }
            while (i < a.length() && a.charAt(i) == '0') {
                i++;
            }
            while (j < b.length() && b.charAt(j) == '0') {
                j++;
            }
            while (digitAt(a, i) && digitAt(b, j)) {
                if (firstDiff == 0) {
                    firstDiff = a.charAt(i) - b.charAt(j);
                }
                i++;
                j++;
            }
            if (digitAt(a, i)) {
                return 1;
            }
            if (digitAt(b, j)) {
                return -1;
            }
            if (firstDiff != 0) {
                return firstDiff;
            }
        }
        return 0;
    }
}

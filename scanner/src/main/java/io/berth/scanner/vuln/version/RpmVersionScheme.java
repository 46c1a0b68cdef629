package io.berth.scanner.vuln.version;

/**
 * RPM's version order: {@code [epoch:]version[-release]}, epoch compared as a number (0 when absent), then version
 * and release each with {@code rpmvercmp}: the strings are cut into alternating runs of digits and of letters
 * (everything else only separates); digit runs compare as numbers and are newer than letter runs; letter runs
 * compare as strings; {@code ~} sorts before anything, even the end ({@code 1.0~rc1 < 1.0}), {@code ^} after the end
 * but before anything else ({@code 1.0 < 1.0^git1 < 1.0.1}); when all runs are equal, the string with runs left over
 * is newer. Used for Red Hat, AlmaLinux, Rocky Linux, openSUSE, SUSE, Mageia and other RPM-based ecosystems.
 */
public final class RpmVersionScheme implements VersionScheme {

    @Override
    public int compare(String a, String b) {
        String[] x = split(a);
        String[] y = split(b);
        int c = Long.compare(Long.parseLong(x[0]), Long.parseLong(y[0]));
        if (c != 0) {
            return c;
        }
        c = rpmvercmp(x[1], y[1]);
        return c != 0 ? c : rpmvercmp(x[2], y[2]);
    }

    @Override
    public String name() {
        return "RPM";
    }

    /** epoch, version, release. */
    private String[] split(String evr) {
        String v = evr.strip();
        String epoch = "0";
        int colon = v.indexOf(':');
        if (colon >= 0) {
            epoch = v.substring(0, colon);
            if (epoch.isEmpty() || epoch.length() > 18 || !epoch.chars().allMatch(Character::isDigit)) {
                throw new InvalidVersionException(name(), evr);
            }
            v = v.substring(colon + 1);
        }
        if (v.isEmpty()) {
            throw new InvalidVersionException(name(), evr);
        }
        int dash = v.lastIndexOf('-');
        return new String[] {epoch, dash >= 0 ? v.substring(0, dash) : v, dash >= 0 ? v.substring(dash + 1) : ""};
    }

    private static boolean alnum(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    static int rpmvercmp(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            while (i < a.length() && !alnum(a.charAt(i)) && a.charAt(i) != '~' && a.charAt(i) != '^') {
                i++;
            }
            while (j < b.length() && !alnum(b.charAt(j)) && b.charAt(j) != '~' && b.charAt(j) != '^') {
                j++;
            }
            boolean ta = i < a.length() && a.charAt(i) == '~';
            boolean tb = j < b.length() && b.charAt(j) == '~';
            if (ta || tb) {
                if (!ta) {
                    return 1;
                }
                if (!tb) {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            boolean ca = i < a.length() && a.charAt(i) == '^';
            boolean cb = j < b.length() && b.charAt(j) == '^';
            if (ca || cb) {
                if (i >= a.length()) {
                    return -1;
                }
                if (j >= b.length()) {
                    return 1;
                }
                if (!ca) {
                    return 1;
                }
                if (!cb) {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            if (i >= a.length() || j >= b.length()) {
                break;
            }
            int si = i;
            int sj = j;
            boolean numeric = digit(a.charAt(i));
            if (numeric) {
                while (i < a.length() && digit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && digit(b.charAt(j))) {
                    j++;
                }
            } else {
                while (i < a.length() && Character.isLetter(a.charAt(i)) && alnum(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isLetter(b.charAt(j)) && alnum(b.charAt(j))) {
                    j++;
                }
            }
            if (sj == j) {
                return numeric ? 1 : -1;
            }
            String sa = a.substring(si, i);
            String sb = b.substring(sj, j);
            if (numeric) {
                sa = stripZeros(sa);
                sb = stripZeros(sb);
                if (sa.length() != sb.length()) {
                    return sa.length() > sb.length() ? 1 : -1;
                }
            }
            int c = sa.compareTo(sb);
            if (c != 0) {
                return c < 0 ? -1 : 1;
            }
        }
        boolean endA = i >= a.length();
        boolean endB = j >= b.length();
        if (endA && endB) {
            return 0;
        }
        return endA ? -1 : 1;
    }

    private static String stripZeros(String s) {
        int k = 0;
        while (k < s.length() - 1 && s.charAt(k) == '0') {
            k++;
        }
        return s.substring(k);
    }
}

package io.berth.common.selector;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One of Harbor's selectors ({@code {"kind","decoration","pattern"}}, as in immutable tag rules and
 * retention policies): a pattern and whether a candidate it matches is selected ({@code matches},
 * {@code repoMatches}) or left out ({@code excludes}, {@code repoExcludes}).
 *
 * <p>Two kinds of pattern:
 * <ul>
 * <li>{@code doublestar}, Harbor's glob (its {@code lib/selector/selectors/doublestar}, after
 * bmatcuk/doublestar): {@code **} any characters including {@code /} ({@code a/**}{@code /b} also matches
 * {@code a/b}), {@code *} any characters but {@code /}, {@code ?} one character but {@code /},
 * {@code [abc]}, {@code [a-z]}, {@code [!a]} or {@code [^a]} classes, {@code {a,b}} alternatives (nested
 * allowed), {@code \} escapes the next character. Translated once to a regular expression.</li>
 * <li>{@code regex}, new in Berth (harbor #8614): a Java regular expression that must match the whole
 * candidate. At most {@link #MAX_PATTERN} characters, and a match that backtracks for more than
 * {@link #MAX_STEPS} character reads is abandoned with {@link SelectorException} rather than hold a thread.</li>
 * </ul>
 * A pattern that does not compile is refused by {@link #of} with the reason.
 */
public final class Selector {
    public static final int MAX_PATTERN = 512;
    public static final long MAX_STEPS = 1_000_000;

    public enum Kind {
        DOUBLESTAR("doublestar"), REGEX("regex");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        public static Kind of(String wire) {
            for (Kind k : values()) {
                if (k.wire.equals(wire)) {
                    return k;
                }
            }
            throw new SelectorException("unknown selector kind '" + wire + "' (doublestar or regex)");
        }
    }

    /** What a selector applies to: a tag ({@code matches}, {@code excludes}) or a repository ({@code repoMatches}, {@code repoExcludes}). */
    public enum Target {
        TAG("matches", "excludes"), REPOSITORY("repoMatches", "repoExcludes");

        private final String matches;
        private final String excludes;

        Target(String matches, String excludes) {
            this.matches = matches;
            this.excludes = excludes;
        }
    }

    private final Kind kind;
    private final String decoration;
    private final String pattern;
    private final boolean excludes;
    private final Pattern compiled;

    private Selector(Kind kind, String decoration, String pattern, boolean excludes, Pattern compiled) {
        this.kind = kind;
        this.decoration = decoration;
        this.pattern = pattern;
        this.excludes = excludes;
        this.compiled = compiled;
    }

    /** A selector of {@code target}, or {@link SelectorException} saying what is wrong with it. */
    public static Selector of(Target target, String kind, String decoration, String pattern) {
        Kind k = Kind.of(kind);
        boolean excludes;
        if (target.matches.equals(decoration)) {
            excludes = false;
        } else if (target.excludes.equals(decoration)) {
            excludes = true;
        } else {
            throw new SelectorException("unknown decoration '" + decoration + "' of a " + target.name().toLowerCase(Locale.ROOT)
                    + " selector (" + target.matches + " or " + target.excludes + ")");
        }
        if (pattern == null || pattern.isEmpty()) {
            throw new SelectorException("a selector's pattern must not be empty");
        }
        if (pattern.length() > MAX_PATTERN) {
            throw new SelectorException("a selector's pattern must not be longer than " + MAX_PATTERN + " characters");
        }
        Pattern compiled;
        try {
            compiled = Pattern.compile(k == Kind.REGEX ? pattern : globToRegex(pattern));
        } catch (PatternSyntaxException e) {
            throw new SelectorException("pattern '" + pattern + "' is not a valid regular expression: "
                    + e.getDescription() + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
        }
        return new Selector(k, decoration, pattern, excludes, compiled);
    }

    public Kind kind() {
        return kind;
    }

    public String decoration() {
        return decoration;
    }

    public String pattern() {
        return pattern;
    }

    /** Whether the pattern matches the whole of {@code candidate}, decoration aside. */
    public boolean matches(String candidate) {
        return compiled.matcher(new Budgeted(candidate, pattern)).matches();
    }

    /** Whether the selector selects {@code candidate}: its pattern matches and it is a "matches" selector, or not and "excludes". */
    public boolean selects(String candidate) {
        return matches(candidate) != excludes;
    }

    /** Whether every one of {@code selectors} selects {@code candidate} (Harbor applies a rule's selectors one after another). */
    public static boolean allSelect(List<Selector> selectors, String candidate) {
        for (Selector s : selectors) {
            if (!s.selects(candidate)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return kind.wire + " " + decoration + " '" + pattern + "'";
    }

    /** Harbor's doublestar glob as a Java regular expression; {@link SelectorException} for an unclosed class or brace. */
    static String globToRegex(String glob) {
        StringBuilder out = new StringBuilder();
        int end = translate(glob, 0, out, 0);
        if (end != glob.length()) {
            throw new SelectorException("pattern '" + glob + "' has an unmatched '}'");
        }
        return out.toString();
    }

    /** Translates from {@code i} until the end, or until a {@code ,} or {@code }} at brace depth {@code depth} > 0; returns where it stopped. */
    private static int translate(String g, int i, StringBuilder out, int depth) {
        while (i < g.length()) {
            char c = g.charAt(i);
            switch (c) {
                case '*' -> {
                    if (i + 1 < g.length() && g.charAt(i + 1) == '*') {
                        boolean slashFollows = i + 2 < g.length() && g.charAt(i + 2) == '/';
                        boolean atSegmentStart = i == 0 || g.charAt(i - 1) == '/';
                        if (slashFollows && atSegmentStart) {
                            out.append("(?:.*/)?"); // "a/**/b" matches "a/b" too
                            i += 3;
                        } else {
                            out.append(".*");
                            i += 2;
                        }
                        while (i < g.length() && g.charAt(i) == '*') {
                            i++;
                        }
                    } else {
                        out.append("[^/]*");
                        i++;
                    }
                }
                case '?' -> {
                    out.append("[^/]");
                    i++;
                }
                case '[' -> i = characterClass(g, i, out);
                case '{' -> {
                    out.append("(?:");
                    i++;
                    while (true) {
                        i = translate(g, i, out, depth + 1);
                        if (i >= g.length()) {
                            throw new SelectorException("pattern '" + g + "' has an unclosed '{'");
                        }
                        if (g.charAt(i) == '}') {
                            out.append(')');
                            i++;
                            break;
                        }
                        out.append('|'); // a ','
                        i++;
                    }
                }
                case ',', '}' -> {
                    if (depth > 0) {
                        return i;
                    }
                    if (c == '}') {
                        return i; // unmatched: globToRegex reports it
                    }
                    out.append(Pattern.quote(","));
                    i++;
                }
                case '\\' -> {
                    if (i + 1 >= g.length()) {
                        throw new SelectorException("pattern '" + g + "' ends with a lone '\\'");
                    }
                    out.append(Pattern.quote(String.valueOf(g.charAt(i + 1))));
                    i += 2;
                }
                default -> {
                    out.append(Pattern.quote(String.valueOf(c)));
                    i++;
                }
            }
        }
        return i;
    }

    private static int characterClass(String g, int start, StringBuilder out) {
        int i = start + 1;
        StringBuilder cls = new StringBuilder("[");
        if (i < g.length() && (g.charAt(i) == '!' || g.charAt(i) == '^')) {
            cls.append('^');
            i++;
        }
        boolean first = true;
        while (i < g.length() && (g.charAt(i) != ']' || first)) {
            char c = g.charAt(i);
            if (c == '\\' && i + 1 < g.length()) {
                c = g.charAt(++i);
                cls.append(Character.isLetterOrDigit(c) ? "" : "\\").append(c);
            } else if (c == '-' && !first && i + 1 < g.length() && g.charAt(i + 1) != ']') {
                cls.append('-');
            } else if (Character.isLetterOrDigit(c)) {
                cls.append(c);
            } else {
                cls.append('\\').append(c);
            }
            first = false;
            i++;
        }
        if (i >= g.length()) {
            throw new SelectorException("pattern '" + g + "' has an unclosed '['");
        }
        out.append("(?!/)").append(cls).append(']'); // a class never matches a '/', as in doublestar
        return i + 1;
    }

    /** The candidate as the matcher reads it, counting reads: a pattern that backtracks without end is stopped. */
    private static final class Budgeted implements CharSequence {
        private final String text;
        private final String pattern;
        private final long[] steps;

        Budgeted(String text, String pattern) {
            this(text, pattern, new long[1]);
        }

        private Budgeted(String text, String pattern, long[] steps) {
            this.text = text;
            this.pattern = pattern;
            this.steps = steps;
        }

        @Override
        public char charAt(int index) {
            if (++steps[0] > MAX_STEPS) {
                throw new SelectorException("pattern '" + pattern + "' takes too long to match '" + text + "'");
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Budgeted(text.substring(start, end), pattern, steps);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}

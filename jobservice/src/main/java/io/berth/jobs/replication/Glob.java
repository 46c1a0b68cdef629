package io.berth.jobs.replication;

import java.util.regex.Pattern;

/**
 * Harbor's doublestar globs for repository and tag filters: {@code *} is any run of characters
 * without {@code /}, {@code **} any run including {@code /} ({@code library/**}, {@code **}{@code /nginx}),
 * {@code ?} one character, {@code {a,b}} either alternative, {@code [abc]}, {@code [a-z]} or {@code [!abc]} a class.
 */
final class Glob {
    private Glob() {}

    static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        int braces = 0;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> {
                    if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                        i++;
                        if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
                            i++;
                            regex.append("(?:.*/)?"); // "**/" also matches nothing: **/nginx matches nginx
                        } else {
                            regex.append(".*");
                        }
                    } else {
                        regex.append("[^/]*");
                    }
                }
                case '?' -> regex.append("[^/]");
                case '{' -> {
                    braces++;
                    regex.append("(?:");
                }
                case '}' -> {
                    braces--;
                    regex.append(')');
                }
                case ',' -> regex.append(braces > 0 ? "|" : ",");
                case '[' -> {
                    int end = glob.indexOf(']', i + 1);
                    if (end < 0) {
                        throw new IllegalArgumentException("unclosed [ in filter '" + glob + "'");
                    }
                    String set = glob.substring(i + 1, end).replace("\\", "\\\\").replace("[", "\\[");
                    regex.append('[').append(set.startsWith("!") ? "^" + set.substring(1) : set).append(']');
                    i = end;
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (braces != 0) {
            throw new IllegalArgumentException("unbalanced braces in filter '" + glob + "'");
        }
        return Pattern.compile(regex.toString());
    }

    static boolean matches(String glob, String text) {
        return compile(glob).matcher(text).matches();
    }
}

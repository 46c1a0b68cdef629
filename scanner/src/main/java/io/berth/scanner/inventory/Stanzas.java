package io.berth.scanner.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Paragraphs of {@code Field: value} lines separated by blank lines, as dpkg's status file (RFC 822 style, with
 * continuation lines starting with a space) and apk's installed db ({@code P:name}) write them.
 */
final class Stanzas {
    private Stanzas() {}

    /** dpkg style: {@code Field: value}, continuation lines ignored (only single-line fields are read). */
    static List<Map<String, String>> dpkg(String text) {
        return parse(text, ':', true);
    }

    /** apk style: a one-letter key, a colon, the value. */
    static List<Map<String, String>> apk(String text) {
        return parse(text, ':', false);
    }

    private static List<Map<String, String>> parse(String text, char separator, boolean strip) {
        List<Map<String, String>> stanzas = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        for (String raw : text.split("\n", -1)) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (line.isBlank()) {
                if (!current.isEmpty()) {
                    stanzas.add(current);
                    current = new LinkedHashMap<>();
                }
                continue;
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                continue;
            }
            int at = line.indexOf(separator);
            if (at < 1) {
                continue;
            }
            String value = line.substring(at + 1);
            current.putIfAbsent(line.substring(0, at), strip ? value.strip() : value);
        }
        if (!current.isEmpty()) {
            stanzas.add(current);
        }
        return stanzas;
    }
}

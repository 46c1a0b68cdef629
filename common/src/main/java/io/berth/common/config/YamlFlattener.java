package io.berth.common.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns a parsed YAML tree into flat configuration properties: nested maps become dotted keys
 * under a prefix, lists become comma-separated values (SmallRye's list syntax), nulls are dropped.
 */
final class YamlFlattener {
    private YamlFlattener() {}

    static Map<String, String> flatten(String prefix, Object tree) {
        Map<String, String> out = new LinkedHashMap<>();
        if (tree != null) {
            add(out, prefix, tree);
        }
        return out;
    }

    private static void add(Map<String, String> out, String key, Object value) {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String child = key.isEmpty() ? String.valueOf(e.getKey()) : key + "." + e.getKey();
                add(out, child, e.getValue());
            }
        } else if (value instanceof List<?> list) {
            out.put(key, list.stream().map(v -> String.valueOf(v).replace(",", "\\,"))
                    .collect(Collectors.joining(",")));
        } else if (value != null) {
            out.put(key, String.valueOf(value));
        }
    }
}

package io.berth.core.api;

import io.berth.common.error.HarborException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Harbor's {@code sort} parameter: comma-separated keys, {@code -} before a key for descending; each resource names its keys. */
public final class Sorting {
    private Sorting() {}

    /** An SQL {@code ORDER BY} list over the columns {@code fields} maps the keys to; {@code fallback} when {@code sort} is absent. */
    public static String orderBy(String sort, Map<String, String> fields, String fallback) {
        if (sort == null || sort.isBlank()) {
            return fallback;
        }
        List<String> order = new ArrayList<>();
        for (String key : sort.split(",")) {
            key = key.trim();
            boolean descending = key.startsWith("-");
            String column = fields.get(descending ? key.substring(1) : key);
            if (column == null) {
                throw HarborException.badRequest("unsupported sort key '" + key + "'; supported: " + fields.keySet());
            }
            order.add(column + (descending ? " desc" : " asc"));
        }
        return String.join(", ", order);
    }
}

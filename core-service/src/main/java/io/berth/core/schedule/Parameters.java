package io.berth.core.schedule;

import io.berth.common.error.HarborException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reading a job's {@code parameters} object as Harbor's clients send it: each problem a 400 naming the key. */
public final class Parameters {
    private Parameters() {}

    /** The parameters, never null; a 400 for a key not in {@code keys}. */
    public static Map<String, Object> known(Map<String, Object> parameters, Set<String> keys, String title) {
        Map<String, Object> given = parameters == null ? Map.of() : parameters;
        for (String key : given.keySet()) {
            if (!keys.contains(key)) {
                throw HarborException.badRequest("unknown " + title + " parameter " + key + "; supported: " + new TreeSet<>(keys));
            }
        }
        return given;
    }

    /** {@code true}, {@code false}, or absent (false). */
    public static boolean bool(Map<String, Object> p, String key) {
        Object value = p.get(key);
        if (value == null || value instanceof Boolean) {
            return Boolean.TRUE.equals(value);
        }
        throw HarborException.badRequest(key + " must be true or false, not " + value);
    }

    /** A whole number, or null when absent. */
    public static Integer integer(Map<String, Object> p, String key) {
        Object value = p.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Integer i) {
            return i;
        }
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        throw HarborException.badRequest(key + " must be a whole number, not " + value);
    }
}

package io.berth.core.api;

import io.berth.common.error.HarborException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Harbor's {@code q} query: comma-separated {@code key=value} (exact), {@code key=~value} (fuzzy),
 * {@code key=[from~to]} (range) and {@code key={a b c}} (any of). Each resource names the keys it
 * accepts and the column each maps to; an unknown key is a 400.
 */
public final class Query {

    public sealed interface Condition permits Exact, Fuzzy, Range, AnyOf {}

    public record Exact(String value) implements Condition {}

    public record Fuzzy(String value) implements Condition {}

    public record Range(String from, String to) implements Condition {}

    public record AnyOf(List<String> values) implements Condition {}

    private final Map<String, Condition> conditions;

    private Query(Map<String, Condition> conditions) {
        this.conditions = conditions;
    }

    public static Query parse(String q) {
        Map<String, Condition> conditions = new LinkedHashMap<>();
        if (q == null || q.isBlank()) {
            return new Query(conditions);
        }
        for (String part : splitTopLevel(q)) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw HarborException.badRequest("malformed query part '" + part + "': expected key=value");
            }
            String key = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            Condition c;
            if (value.startsWith("~")) {
                c = new Fuzzy(value.substring(1));
            } else if (value.startsWith("[") && value.endsWith("]")) {
                String[] bounds = value.substring(1, value.length() - 1).split("~", -1);
                if (bounds.length != 2) {
                    throw HarborException.badRequest("malformed range '" + value + "': expected [from~to]");
                }
                c = new Range(bounds[0].trim(), bounds[1].trim());
            } else if (value.startsWith("{") && value.endsWith("}")) {
                c = new AnyOf(List.of(value.substring(1, value.length() - 1).trim().split("\\s+")));
            } else {
                c = new Exact(value);
            }
            conditions.put(key, c);
        }
        return new Query(conditions);
    }

    private static List<String> splitTopLevel(String q) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (char ch : q.toCharArray()) {
            if (ch == '[' || ch == '{') {
                depth++;
            } else if (ch == ']' || ch == '}') {
                depth--;
            }
            if (ch == ',' && depth == 0) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(ch);
            }
        }
        if (!current.isEmpty()) {
            parts.add(current.toString());
        }
        return parts;
    }

    /**
     * A JPQL/SQL condition ({@code AND}-joined, or {@code "1=1"}) over the columns {@code fields}
     * maps the query's keys to, with its parameters added to {@code params}.
     */
    public String where(Map<String, String> fields, Map<String, Object> params) {
        List<String> clauses = new ArrayList<>();
        int n = 0;
        for (var entry : conditions.entrySet()) {
            String column = fields.get(entry.getKey());
            if (column == null) {
                throw HarborException.badRequest("unsupported query key '" + entry.getKey() + "'; supported: " + fields.keySet());
            }
            String p = "q" + n++;
            Condition condition = entry.getValue();
            if (condition instanceof Exact e) {
                clauses.add(column + " = :" + p);
                params.put(p, e.value());
            } else if (condition instanceof Fuzzy f) {
                clauses.add("lower(" + column + ") like :" + p);
                params.put(p, contains(f.value().toLowerCase()));
            } else if (condition instanceof Range r) {
                if (!r.from().isEmpty()) {
                    clauses.add(column + " >= :" + p + "f");
                    params.put(p + "f", r.from());
                }
                if (!r.to().isEmpty()) {
                    clauses.add(column + " <= :" + p + "t");
                    params.put(p + "t", r.to());
                }
            } else if (condition instanceof AnyOf a) {
                clauses.add(column + " in (:" + p + ")");
                params.put(p, a.values());
            }
        }
        return clauses.isEmpty() ? "1=1" : String.join(" and ", clauses);
    }

    /**
     * A JPQL condition and order for lists of things with a unique {@code name}: Harbor's {@code q} over
     * {@code fields}, and-ed with the deprecated {@code name} parameter some lists still take (Terraform's
     * data sources send it: a part of the {@code name} column, in any case), ordered by name.
     */
    public static String byName(String q, Map<String, String> fields, String name, Map<String, Object> params) {
        String where = parse(q).where(fields, params);
        if (name != null && !name.isEmpty()) {
            params.put("fuzzy", contains(name.toLowerCase()));
            where += " and lower(name) like :fuzzy";
        }
        return where + " order by name";
    }

    /** A LIKE pattern for values that contain {@code term}, its {@code %} and {@code _} taken literally. */
    public static String contains(String term) {
        return "%" + term.replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /** Takes {@code key}'s condition out of the query, for a resource that filters on it itself. */
    public Condition remove(String key) {
        return conditions.remove(key);
    }

    public Map<String, Condition> conditions() {
        return conditions;
    }
}

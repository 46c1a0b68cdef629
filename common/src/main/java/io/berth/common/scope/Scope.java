package io.berth.common.scope;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A resource scope of the Docker token authentication spec: {@code type[(class)]:name:action[,action]},
 * e.g. {@code repository:library/nginx:pull,push} or {@code registry:catalog:*}. The same shape is a
 * token's {@code access} entry ({@code {type, name, actions}}).
 */
public record Scope(String type, String resourceClass, String name, Set<String> actions) {
    public static final String REPOSITORY = "repository";
    public static final String REGISTRY = "registry";
    public static final String PULL = "pull";
    public static final String PUSH = "push";
    public static final String DELETE = "delete";
    public static final String ALL = "*";

    public Scope {
        actions = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(actions)); // order kept: challenges list pull,push
    }

    public static Scope repository(String name, String... actions) {
        return new Scope(REPOSITORY, null, name, new LinkedHashSet<>(Arrays.asList(actions)));
    }

    public static Scope catalog() {
        return new Scope(REGISTRY, null, "catalog", Set.of(ALL));
    }

    /** Parses one scope; the name may itself contain colons (a registry host with a port). */
    public static Scope parse(String text) {
        int first = text.indexOf(':');
        int last = text.lastIndexOf(':');
        if (first <= 0 || last == first || last == text.length() - 1) {
            throw new IllegalArgumentException("malformed scope: " + text);
        }
        String type = text.substring(0, first);
        String resourceClass = null;
        int paren = type.indexOf('(');
        if (paren > 0 && type.endsWith(")")) {
            resourceClass = type.substring(paren + 1, type.length() - 1);
            type = type.substring(0, paren);
        }
        if (!type.matches("[a-z0-9]+")) {
            throw new IllegalArgumentException("malformed scope type: " + text);
        }
        Set<String> actions = new LinkedHashSet<>();
        for (String action : text.substring(last + 1).split(",")) {
            String trimmed = action.trim(); // trim() also drops control characters, which isBlank() keeps
            if (!trimmed.isBlank()) {
                actions.add(trimmed);
            }
        }
        if (actions.isEmpty()) {
            // as "repository:foo:" is: a scope always names an action, and one without printed as that
            throw new IllegalArgumentException("malformed scope, no action: " + text);
        }
        return new Scope(type, resourceClass, text.substring(first + 1, last), actions);
    }

    /** Parses every {@code scope} parameter; one parameter may itself hold several scopes separated by spaces. */
    public static List<Scope> parseAll(List<String> parameters) {
        List<Scope> scopes = new ArrayList<>();
        for (String p : parameters) {
            for (String s : p.trim().split("\\s+")) {
                if (!s.isEmpty()) {
                    scopes.add(parse(s));
                }
            }
        }
        return scopes;
    }

    /** Whether this grant covers {@code action} ({@code *} covers every action). */
    public boolean allows(String action) {
        return actions.contains(action) || actions.contains(ALL);
    }

    @Override
    public String toString() {
        String t = resourceClass == null ? type : type + "(" + resourceClass + ")";
        return t + ":" + name + ":" + String.join(",", actions);
    }
}

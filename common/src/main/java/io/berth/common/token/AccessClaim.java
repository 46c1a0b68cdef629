package io.berth.common.token;

import io.berth.common.scope.Scope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The {@code access} claim of a token (Docker token authentication spec): {@code [{"type", "name",
 * "actions": [...]}]}, one entry per resource. Written by core's token service ({@link TokenSigner}) and
 * read by every verifier ({@link TokenVerifier}), here only, so that both sides agree by construction.
 */
public final class AccessClaim {
    public static final String NAME = "access";

    private AccessClaim() {}

    /** The claim's JSON value for these grants. */
    public static List<Map<String, Object>> encode(List<Scope> grants) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Scope s : grants) {
            entries.add(Map.of("type", s.type(), "name", s.name(), "actions", List.copyOf(s.actions())));
        }
        return entries;
    }

    /** The grants a claim value names; entries that are not objects with a string type and name are skipped. */
    public static List<Scope> decode(Object claim) {
        List<Scope> grants = new ArrayList<>();
        if (claim instanceof Collection<?> entries) {
            for (Object entry : entries) {
                if (entry instanceof Map<?, ?> map && map.get("type") instanceof String type
                        && map.get("name") instanceof String name) {
                    LinkedHashSet<String> actions = new LinkedHashSet<>();
                    if (map.get("actions") instanceof Collection<?> list) {
                        list.forEach(a -> actions.add(String.valueOf(a)));
                    }
                    grants.add(new Scope(type, null, name, actions));
                }
            }
        }
        return grants;
    }
}

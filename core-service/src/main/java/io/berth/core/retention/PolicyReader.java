package io.berth.core.retention;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.error.HarborException;
import io.berth.common.retention.RetentionRule;
import io.berth.common.retention.RetentionRule.SelectorJson;
import io.berth.common.retention.RetentionRules;
import io.berth.core.schedule.Cron;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Harbor RetentionPolicy body strictly: every field Berth would not act on is a 400 naming it, the rules are
 * compiled by {@link RetentionRules} (the code jobservice applies them with: a selector that does not compile is a 400
 * with the reason), two identical rules are a 409 as in Harbor, the cron is checked. The policy comes out normalised:
 * rule ids are their places, {@code action} is {@code retain}, a selector's {@code extras} is text ("" for none).
 */
final class PolicyReader {
    private static final Set<String> POLICY = Set.of("id", "algorithm", "rules", "trigger", "scope");
    private static final Set<String> RULE = Set.of("id", "priority", "disabled", "action", "template", "params", "tag_selectors",
            "scope_selectors");
    private static final Set<String> SELECTOR = Set.of("kind", "decoration", "pattern", "extras");
    private static final Set<String> TRIGGER = Set.of("kind", "settings", "references");
    private static final Set<String> SCOPE = Set.of("level", "ref");

    /** A checked policy: its project's id, its rules and its cron (null: no schedule). */
    record Checked(long projectId, List<RetentionRule> rules, String cron) {}

    private PolicyReader() {}

    static Checked read(JsonNode body, ObjectMapper json) {
        if (body == null || !body.isObject()) {
            throw HarborException.badRequest("a retention policy (a JSON object) is required");
        }
        only(body, POLICY, "the policy");
        String algorithm = text(body, "algorithm", "algorithm");
        if (algorithm != null && !algorithm.isEmpty() && !PolicyJson.ALGORITHM.equals(algorithm)) {
            throw HarborException.badRequest("algorithm must be '" + PolicyJson.ALGORITHM + "' (an artifact is kept if any rule keeps it), not '"
                    + algorithm + "'");
        }
        long projectId = scope(body.get("scope"));
        String cron = cron(body.get("trigger"));
        JsonNode rulesNode = body.get("rules");
        if (rulesNode == null || rulesNode.isNull()) {
            throw HarborException.badRequest("rules are required (an empty list keeps nothing: every artifact would be deleted; "
                    + "give at least one rule)");
        }
        if (!rulesNode.isArray()) {
            throw HarborException.badRequest("rules must be a list");
        }
        if (rulesNode.isEmpty()) {
            throw HarborException.badRequest("rules must have at least one rule: a policy without rules would delete every artifact");
        }
        List<RetentionRule> rules = new ArrayList<>();
        for (int i = 0; i < rulesNode.size(); i++) {
            rules.add(rule(rulesNode.get(i), i, json));
        }
        try {
            RetentionRules.compile(rules);
        } catch (IllegalArgumentException e) {
            throw HarborException.badRequest(e.getMessage());
        }
        for (int i = 0; i < rules.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (sameRule(rules.get(i), rules.get(j))) {
                    throw HarborException.conflict("rules[" + i + "] is the same as rules[" + j + "]");
                }
            }
        }
        return new Checked(projectId, rules, cron);
    }

    private static RetentionRule rule(JsonNode node, int index, ObjectMapper json) {
        String where = "rules[" + index + "]";
        if (node == null || !node.isObject()) {
            throw HarborException.badRequest(where + " must be an object");
        }
        only(node, RULE, where);
        for (String list : List.of("tag_selectors")) {
            JsonNode selectors = node.get(list);
            if (selectors != null && selectors.isArray()) {
                selectors.forEach(s -> only(s, SELECTOR, where + "." + list + "[]"));
            }
        }
        JsonNode scope = node.get("scope_selectors");
        if (scope != null && scope.isObject()) {
            scope.fields().forEachRemaining(f -> {
                if (f.getValue().isArray()) {
                    f.getValue().forEach(s -> only(s, SELECTOR, where + ".scope_selectors." + f.getKey() + "[]"));
                }
            });
        }
        RetentionRule r;
        try {
            r = json.treeToValue(normaliseExtras(node.deepCopy()), RetentionRule.class);
        } catch (Exception e) {
            throw HarborException.badRequest(where + " is not a retention rule: " + firstLine(e.getMessage()));
        }
        Map<String, List<SelectorJson>> scopes = null;
        if (r.scopeSelectors() != null) {
            scopes = new LinkedHashMap<>();
            for (var e : r.scopeSelectors().entrySet()) {
                scopes.put(e.getKey(), e.getValue() == null ? null : e.getValue().stream().map(PolicyReader::normalised).toList());
            }
        }
        String action = r.action() == null || r.action().isEmpty() ? RetentionRule.ACTION : r.action(); // compile refuses another
        return new RetentionRule((long) index, r.priority() == null ? 0 : r.priority(), Boolean.TRUE.equals(r.disabled()), action,
                r.template(), r.params() == null ? Map.of() : r.params(),
                r.tagSelectors() == null ? null : r.tagSelectors().stream().map(PolicyReader::normalised).toList(), scopes);
    }

    /** Harbor's portal sends extras as JSON text; a client may send the object itself: both become text. */
    private static JsonNode normaliseExtras(JsonNode rule) {
        List<JsonNode> selectors = new ArrayList<>();
        rule.path("tag_selectors").forEach(selectors::add);
        rule.path("scope_selectors").forEach(list -> list.forEach(selectors::add));
        for (JsonNode s : selectors) {
            if (s.isObject() && s.has("extras") && s.get("extras").isObject()) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) s).put("extras", s.get("extras").toString());
            }
        }
        return rule;
    }

    private static SelectorJson normalised(SelectorJson s) {
        return s == null ? null : new SelectorJson(s.kind(), s.decoration(), s.pattern(), s.extras() == null ? "" : s.extras());
    }

    private static boolean sameRule(RetentionRule a, RetentionRule b) {
        return a.disabled().equals(b.disabled()) && a.template().equals(b.template()) && a.params().equals(b.params())
                && a.tagSelectors().equals(b.tagSelectors()) && a.scopeSelectors().equals(b.scopeSelectors());
    }

    private static long scope(JsonNode scope) {
        if (scope == null || scope.isNull()) {
            throw HarborException.badRequest("scope is required: {\"level\":\"project\",\"ref\":<project id>}");
        }
        if (!scope.isObject()) {
            throw HarborException.badRequest("scope must be an object");
        }
        only(scope, SCOPE, "scope");
        if (!PolicyJson.PROJECT.equals(text(scope, "level", "scope.level"))) {
            throw HarborException.badRequest("scope.level must be 'project': Berth has project retention policies only");
        }
        JsonNode ref = scope.get("ref");
        if (ref == null || !ref.canConvertToLong() || !ref.isIntegralNumber() || ref.asLong() <= 0) {
            throw HarborException.badRequest("scope.ref must be the project's id (a positive whole number)");
        }
        return ref.asLong();
    }

    private static String cron(JsonNode trigger) {
        if (trigger == null || trigger.isNull()) {
            return null;
        }
        if (!trigger.isObject()) {
            throw HarborException.badRequest("trigger must be an object");
        }
        only(trigger, TRIGGER, "trigger");
        String kind = text(trigger, "kind", "trigger.kind");
        if (kind != null && !kind.isEmpty() && !PolicyJson.SCHEDULE.equals(kind)) {
            throw HarborException.badRequest("trigger.kind must be '" + PolicyJson.SCHEDULE + "', not '" + kind + "'");
        }
        JsonNode references = trigger.get("references");
        if (references != null && !references.isNull() && !(references.isObject() && references.isEmpty())) {
            throw HarborException.badRequest("trigger.references must be empty: Berth does not act on them");
        }
        JsonNode settings = trigger.get("settings");
        if (settings == null || settings.isNull()) {
            return null;
        }
        if (!settings.isObject()) {
            throw HarborException.badRequest("trigger.settings must be an object");
        }
        only(settings, Set.of("cron"), "trigger.settings");
        String cron = text(settings, "cron", "trigger.settings.cron");
        if (cron == null || cron.isBlank()) {
            return null;
        }
        return Cron.validate(cron, "the retention schedule");
    }

    private static void only(JsonNode node, Set<String> known, String where) {
        if (node == null || !node.isObject()) {
            return;
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                throw HarborException.badRequest(where + " has an unknown field '" + name + "'; known: " + new java.util.TreeSet<>(known));
            }
        }
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw HarborException.badRequest(where + " must be text");
        }
        return v.asText();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}

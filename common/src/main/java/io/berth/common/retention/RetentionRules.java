package io.berth.common.retention;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.retention.RetentionRule.SelectorJson;
import io.berth.common.selector.Selector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A retention policy's rules, checked and compiled once, and applied to a repository's artifacts as Harbor applies
 * them: each enabled rule whose repository selectors select the repository takes the artifacts its tag selectors
 * select (an artifact is selected when one of its tags is selected by every tag selector; an untagged artifact only
 * when the rule includes untagged ones) and retains some of them by its {@link Template}. An artifact is kept if any
 * rule retains it; every other artifact of the repository is deleted (Harbor's {@code or} algorithm).
 *
 * <p>Pure logic: core checks policies with {@link #compile} before storing them, jobservice evaluates them with the
 * same code.
 */
public final class RetentionRules {
    /** Harbor's limit of rules per policy. */
    public static final int MAX_RULES = 15;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An artifact of a repository: its digest, tags (none: untagged), push time and last pull time (null: never pulled). */
    public record Candidate(String digest, List<String> tags, Instant pushedAt, Instant pulledAt) {
        public String describe() {
            return digest + (tags.isEmpty() ? " (untagged)" : " " + tags);
        }
    }

    /** What one rule retained in a repository; {@code index} is the rule's place in the policy. */
    public record RuleResult(int index, String rule, List<Candidate> retained) {}

    /** What a policy keeps and deletes in one repository. */
    public record Outcome(List<RuleResult> rules, List<Candidate> retained, List<Candidate> deleted) {}

    private record Compiled(int index, String text, Template template, int parameter, List<Selector> tags, boolean untagged,
            List<Selector> repositories) {}

    private final List<Compiled> rules;

    private RetentionRules(List<Compiled> rules) {
        this.rules = rules;
    }

    /**
     * The rules checked and compiled; {@link IllegalArgumentException} naming the rule ({@code rules[i]}) and the
     * reason for anything Berth cannot apply: an unknown template or action, a bad parameter, a selector that does
     * not compile, bad {@code extras}, no repository selector.
     */
    public static RetentionRules compile(List<RetentionRule> rules) {
        if (rules == null) {
            throw new IllegalArgumentException("rules are required");
        }
        if (rules.size() > MAX_RULES) {
            throw new IllegalArgumentException("a policy has at most " + MAX_RULES + " rules, not " + rules.size());
        }
        List<Compiled> compiled = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            try {
                Compiled c = compile(i, rules.get(i));
                if (c != null) {
                    compiled.add(c);
                }
            } catch (IllegalArgumentException e) { // SelectorException included
                throw new IllegalArgumentException("rules[" + i + "]: " + e.getMessage());
            }
        }
        return new RetentionRules(compiled);
    }

    private static Compiled compile(int index, RetentionRule rule) {
        if (rule == null) {
            throw new IllegalArgumentException("the rule is empty");
        }
        if (rule.action() != null && !rule.action().isEmpty() && !RetentionRule.ACTION.equals(rule.action())) {
            throw new IllegalArgumentException("action must be '" + RetentionRule.ACTION + "', not '" + rule.action() + "'");
        }
        if (rule.template() == null) {
            throw new IllegalArgumentException("template is required (" + Template.names() + ")");
        }
        Template template = Template.of(rule.template());
        int parameter = template.parameter(rule.params());
        if (rule.tagSelectors() == null || rule.tagSelectors().isEmpty()) {
            throw new IllegalArgumentException("tag_selectors must have at least one selector");
        }
        List<Selector> tags = new ArrayList<>();
        boolean untagged = false;
        for (SelectorJson s : rule.tagSelectors()) {
            if (s == null) {
                throw new IllegalArgumentException("a tag selector is empty");
            }
            tags.add(Selector.of(Selector.Target.TAG, s.kind(), s.decoration(), s.pattern()));
            untagged |= untagged(s.extras());
        }
        List<SelectorJson> repos = rule.scopeSelectors() == null ? null : rule.scopeSelectors().get(RetentionRule.REPOSITORY);
        if (repos == null || repos.isEmpty()) {
            throw new IllegalArgumentException("scope_selectors.repository must have at least one selector");
        }
        if (rule.scopeSelectors().size() > 1) {
            throw new IllegalArgumentException("scope_selectors has only 'repository' selectors");
        }
        List<Selector> repositories = new ArrayList<>();
        for (SelectorJson s : repos) {
            if (s == null) {
                throw new IllegalArgumentException("a repository selector is empty");
            }
            repositories.add(Selector.of(Selector.Target.REPOSITORY, s.kind(), s.decoration(), s.pattern()));
        }
        if (Boolean.TRUE.equals(rule.disabled())) {
            return null;
        }
        String text = "rule " + index + " (" + template.wire() + (template.unit() == null ? "" : " " + parameter) + ", tags " + tags
                + (untagged ? " and untagged" : "") + ", repositories " + repositories + ")";
        return new Compiled(index, text, template, parameter, List.copyOf(tags), untagged, List.copyOf(repositories));
    }

    /** Harbor's extras: empty, or JSON text {@code {"untagged": true|false}}. */
    private static boolean untagged(String extras) {
        if (extras == null || extras.isBlank()) {
            return false;
        }
        JsonNode node;
        try {
            node = JSON.readTree(extras);
        } catch (Exception e) {
            throw new IllegalArgumentException("a tag selector's extras must be JSON such as {\"untagged\":true}, not " + extras);
        }
        if (!node.isObject() || (node.size() > 0 && (node.size() != 1 || !node.has("untagged") || !node.get("untagged").isBoolean()))) {
            throw new IllegalArgumentException("a tag selector's extras has only the boolean 'untagged', not " + extras);
        }
        return node.path("untagged").asBoolean(false);
    }

    /** Whether an enabled rule's repository selectors select {@code repository}: the repositories a run visits. */
    public boolean appliesTo(String repository) {
        return rules.stream().anyMatch(r -> Selector.allSelect(r.repositories(), repository));
    }

    /** The enabled rules, described for logs. */
    public List<String> describe() {
        return rules.stream().map(Compiled::text).toList();
    }

    /** What the policy keeps and deletes of a repository's {@code candidates}, days counted back from {@code now}. */
    public Outcome evaluate(String repository, List<Candidate> candidates, Instant now) {
        List<RuleResult> results = new ArrayList<>();
        Set<Candidate> retained = new LinkedHashSet<>();
        for (Compiled rule : rules) {
            if (!Selector.allSelect(rule.repositories(), repository)) {
                continue;
            }
            List<Candidate> selected = candidates.stream().filter(c -> selects(rule, c)).toList();
            List<Candidate> kept = retain(rule, selected, now);
            results.add(new RuleResult(rule.index(), rule.text(), kept));
            retained.addAll(kept);
        }
        List<Candidate> deleted = candidates.stream().filter(c -> !retained.contains(c)).toList();
        List<Candidate> kept = candidates.stream().filter(retained::contains).toList();
        return new Outcome(results, kept, deleted);
    }

    private static boolean selects(Compiled rule, Candidate c) {
        if (c.tags().isEmpty()) {
            return rule.untagged();
        }
        return c.tags().stream().anyMatch(tag -> Selector.allSelect(rule.tags(), tag));
    }

    private static List<Candidate> retain(Compiled rule, List<Candidate> selected, Instant now) {
        Comparator<Instant> newestFirst = Comparator.nullsLast(Comparator.reverseOrder());
        Instant since = now.minus(Duration.ofDays(rule.parameter()));
        return switch (rule.template()) {
            case ALWAYS -> selected;
            case LATEST_PUSHED_K -> selected.stream().sorted(Comparator.comparing(Candidate::pushedAt, newestFirst)
                    .thenComparing(Candidate::digest)).limit(rule.parameter()).toList();
            case LATEST_PULLED_N -> selected.stream() // never pulled: last, as Harbor sorts them (pull time 0)
                    .sorted(Comparator.comparing(Candidate::pulledAt, newestFirst).thenComparing(Candidate::digest))
                    .limit(rule.parameter()).toList();
            case N_DAYS_SINCE_LAST_PUSH -> selected.stream().filter(c -> c.pushedAt() != null && !c.pushedAt().isBefore(since)).toList();
            case N_DAYS_SINCE_LAST_PULL -> selected.stream().filter(c -> c.pulledAt() != null && !c.pulledAt().isBefore(since)).toList();
        };
    }
}

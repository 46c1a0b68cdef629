package io.berth.common.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.common.retention.RetentionRule.SelectorJson;
import io.berth.common.retention.RetentionRules.Candidate;
import io.berth.common.retention.RetentionRules.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The five templates over a repository of 50 tags with known push and pull times: tag {@code v<i>} was pushed
 * {@code i} days ago and pulled {@code i} hours ago when {@code i} is even, never when odd; plus two untagged
 * artifacts. Glob and regex selectors both, untagged included or not, bad rules refused with the reason.
 */
class RetentionRulesTest {
    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    static final List<Candidate> REPO = repository();

    static List<Candidate> repository() {
        List<Candidate> all = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            all.add(new Candidate("sha256:" + i, List.of("v" + i), NOW.minus(Duration.ofDays(i)),
                    i % 2 == 0 ? NOW.minus(Duration.ofHours(i)) : null));
        }
        all.add(new Candidate("sha256:u1", List.of(), NOW.minus(Duration.ofHours(1)), null));
        all.add(new Candidate("sha256:u2", List.of(), NOW.minus(Duration.ofDays(100)), NOW.minus(Duration.ofMinutes(1))));
        return all;
    }

    static RetentionRule rule(String template, Map<String, Object> params, String kind, String tags, boolean untagged, String repos) {
        return new RetentionRule(null, 0, false, "retain", template, params,
                List.of(new SelectorJson(kind, "matches", tags, untagged ? "{\"untagged\":true}" : "")),
                Map.of("repository", List.of(new SelectorJson("doublestar", "repoMatches", repos, null))));
    }

    static List<String> kept(Outcome o) {
        return o.retained().stream().map(c -> c.tags().isEmpty() ? c.digest() : c.tags().get(0)).toList();
    }

    static Outcome run(RetentionRule... rules) {
        return RetentionRules.compile(List.of(rules)).evaluate("lib/app", REPO, NOW);
    }

    @Test
    void latestPushedKeepsTheKMostRecentlyPushed() {
        Outcome o = run(rule("latestPushedK", Map.of("latestPushedK", 5), "doublestar", "**", false, "**"));
        assertThat(kept(o)).containsExactly("v1", "v2", "v3", "v4", "v5");
        assertThat(o.deleted()).hasSize(47); // 45 tags and both untagged artifacts
    }

    @Test
    void latestPulledKeepsTheNMostRecentlyPulledThenNeverPulledLast() {
        Outcome o = run(rule("latestPulledN", Map.of("latestPulledN", 3), "doublestar", "**", false, "**"));
        assertThat(kept(o)).containsExactly("v2", "v4", "v6");
        Outcome all = run(rule("latestPulledN", Map.of("latestPulledN", 26), "doublestar", "**", false, "**"));
        assertThat(kept(all)).hasSize(26).contains("v50", "v1").doesNotContain("v3"); // 25 pulled, then the newest never pulled
    }

    @Test
    void daysSinceLastPushKeepsWhatWasPushedWithinNDays() {
        Outcome o = run(rule("nDaysSinceLastPush", Map.of("nDaysSinceLastPush", 10), "doublestar", "**", true, "**"));
        assertThat(kept(o)).containsExactly("v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10", "sha256:u1");
    }

    @Test
    void daysSinceLastPullKeepsWhatWasPulledWithinNDays() {
        Outcome o = run(rule("nDaysSinceLastPull", Map.of("nDaysSinceLastPull", 1), "doublestar", "**", false, "**"));
        // pulled i hours ago for even i: within 24 hours are v2..v24; u2 was pulled but untagged ones are not selected
        assertThat(kept(o)).hasSize(12).contains("v2", "v24").doesNotContain("v26", "v1", "sha256:u2");
    }

    @Test
    void alwaysKeepsEverythingSelectedAndUntaggedOnlyWhenIncluded() {
        assertThat(run(rule("always", Map.of(), "doublestar", "**", false, "**")).deleted())
                .extracting(Candidate::digest).containsExactly("sha256:u1", "sha256:u2");
        assertThat(run(rule("always", null, "doublestar", "**", true, "**")).deleted()).isEmpty();
    }

    @Test
    void globAndRegexSelectTheSameTags() {
        Outcome glob = run(rule("always", Map.of(), "doublestar", "v{1,2}?", false, "**"));
        Outcome regex = run(rule("always", Map.of(), "regex", "v[12]\\d", false, "**"));
        assertThat(kept(glob)).hasSize(20).containsExactlyElementsOf(kept(regex));
        assertThat(kept(run(rule("always", Map.of(), "regex", "v(1|2)", false, "**")))).containsExactly("v1", "v2");
    }

    @Test
    void anArtifactIsKeptIfAnyRuleKeepsIt() {
        Outcome o = run(rule("latestPushedK", Map.of("latestPushedK", 2), "doublestar", "**", false, "**"),
                rule("always", Map.of(), "regex", "v4[0-9]", false, "**"));
        assertThat(kept(o)).hasSize(12).contains("v1", "v2", "v40", "v49");
        assertThat(o.rules()).hasSize(2);
        assertThat(o.rules().get(1).retained()).hasSize(10);
    }

    @Test
    void rulesApplyOnlyToTheRepositoriesTheySelect() {
        RetentionRules rules = RetentionRules.compile(List.of(rule("always", Map.of(), "doublestar", "**", true, "lib/**"),
                new RetentionRule(null, 0, true, "retain", "always", Map.of(),
                        List.of(new SelectorJson("doublestar", "matches", "**", null)),
                        Map.of("repository", List.of(new SelectorJson("regex", "repoMatches", "other/.*", null))))));
        assertThat(rules.appliesTo("lib/app")).isTrue();
        assertThat(rules.appliesTo("other/app")).isFalse(); // its rule is disabled
        assertThat(rules.evaluate("x/app", REPO, NOW).deleted()).hasSize(52);
    }

    @Test
    void badRulesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> run(rule("latestPushedK", Map.of(), "doublestar", "**", false, "**")))
                .hasMessageContaining("rules[0]").hasMessageContaining("params.latestPushedK");
        assertThatThrownBy(() -> run(rule("latestPushedK", Map.of("latestPushedK", -1), "doublestar", "**", false, "**")))
                .hasMessageContaining("between 0 and 10000");
        assertThatThrownBy(() -> run(rule("nDaysSinceLastPull", Map.of("nDaysSinceLastPull", "ten"), "doublestar", "**", false, "**")))
                .hasMessageContaining("whole number of days");
        assertThatThrownBy(() -> run(rule("always", Map.of("always", 1), "doublestar", "**", false, "**")))
                .hasMessageContaining("takes no parameter");
        assertThatThrownBy(() -> run(rule("latestPushedX", Map.of(), "doublestar", "**", false, "**")))
                .hasMessageContaining("unknown rule template 'latestPushedX'");
        assertThatThrownBy(() -> run(rule("always", Map.of(), "regex", "v(1", false, "**")))
                .hasMessageContaining("rules[0]").hasMessageContaining("not a valid regular expression");
        assertThatThrownBy(() -> run(rule("always", Map.of(), "doublestar", "v1}", false, "**")))
                .hasMessageContaining("rules[0]").hasMessageContaining("unmatched");
        assertThatThrownBy(() -> run(rule("always", Map.of(), "glob", "v1", false, "**")))
                .hasMessageContaining("unknown selector kind 'glob'");
        assertThatThrownBy(() -> run(new RetentionRule(null, 0, false, "retain", "always", Map.of(),
                List.of(new SelectorJson("doublestar", "matches", "**", "{\"untagged\":\"yes\"}")),
                Map.of("repository", List.of(new SelectorJson("doublestar", "repoMatches", "**", null))))))
                .hasMessageContaining("extras");
        assertThatThrownBy(() -> run(new RetentionRule(null, 0, false, "delete", "always", Map.of(),
                List.of(new SelectorJson("doublestar", "matches", "**", null)), Map.of())))
                .hasMessageContaining("action must be 'retain'");
    }
}

package io.berth.common.selector;

import static io.berth.common.selector.Selector.Target.REPOSITORY;
import static io.berth.common.selector.Selector.Target.TAG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SelectorTest {
    private static boolean glob(String pattern, String candidate) {
        return Selector.of(TAG, "doublestar", "matches", pattern).matches(candidate);
    }

    @Test
    void doubleStarMatchesAcrossSlashesAndStarDoesNot() {
        assertThat(glob("**", "a/b/c")).isTrue();
        assertThat(glob("**", "")).isTrue();
        assertThat(glob("*", "a/b")).isFalse();
        assertThat(glob("*", "latest")).isTrue();
        assertThat(glob("team/*", "team/app")).isTrue();
        assertThat(glob("team/*", "team/app/sub")).isFalse();
        assertThat(glob("team/**", "team/app/sub")).isTrue();
        assertThat(glob("a/**/b", "a/b")).isTrue();
        assertThat(glob("a/**/b", "a/x/y/b")).isTrue();
        assertThat(glob("a/**/b", "a/x/c")).isFalse();
        assertThat(glob("**/app", "app")).isTrue();
        assertThat(glob("**/app", "x/y/app")).isTrue();
    }

    @Test
    void questionMarkClassesAndAlternatives() {
        assertThat(glob("v?", "v1")).isTrue();
        assertThat(glob("v?", "v10")).isFalse();
        assertThat(glob("v[0-9].*", "v1.2")).isTrue();
        assertThat(glob("v[0-9].*", "vx.2")).isFalse();
        assertThat(glob("v[!0-9]", "vx")).isTrue();
        assertThat(glob("v[^0-9]", "v1")).isFalse();
        assertThat(glob("a[/]b", "a/b")).isFalse();
        assertThat(glob("{latest,stable}", "stable")).isTrue();
        assertThat(glob("{latest,stable}", "stable2")).isFalse();
        assertThat(glob("{v1.*,release-{a,b}}", "release-b")).isTrue();
        assertThat(glob("{v1.*,release-{a,b}}", "v1.9")).isTrue();
        assertThat(glob("{v1.*,release-{a,b}}", "v2.0")).isFalse();
    }

    @Test
    void regexCharactersInAGlobAreLiteral() {
        assertThat(glob("1.0", "1.0")).isTrue();
        assertThat(glob("1.0", "1x0")).isFalse();
        assertThat(glob("a+b(c)", "a+b(c)")).isTrue();
        assertThat(glob("x\\*", "x*")).isTrue();
        assertThat(glob("x\\*", "xy")).isFalse();
        assertThat(glob("a,b", "a,b")).isTrue();
    }

    @Test
    void regexMustMatchTheWholeCandidate() {
        Selector s = Selector.of(TAG, "regex", "matches", "v\\d+\\.\\d+\\.\\d+");
        assertThat(s.matches("v1.2.3")).isTrue();
        assertThat(s.matches("v1.2.3-rc1")).isFalse();
        assertThat(s.matches("xv1.2.3")).isFalse();
    }

    @Test
    void excludesSelectsWhatThePatternDoesNotMatch() {
        Selector s = Selector.of(TAG, "doublestar", "excludes", "*-SNAPSHOT");
        assertThat(s.selects("1.0")).isTrue();
        assertThat(s.selects("1.0-SNAPSHOT")).isFalse();
        Selector repo = Selector.of(REPOSITORY, "regex", "repoExcludes", "tmp/.*");
        assertThat(repo.selects("app")).isTrue();
        assertThat(repo.selects("tmp/app")).isFalse();
        List<Selector> both = List.of(Selector.of(TAG, "doublestar", "matches", "v*"), s);
        assertThat(Selector.allSelect(both, "v1")).isTrue();
        assertThat(Selector.allSelect(both, "v1-SNAPSHOT")).isFalse();
        assertThat(Selector.allSelect(both, "latest")).isFalse();
    }

    @Test
    void refusesUnknownKindDecorationEmptyAndInvalidPatterns() {
        assertThatThrownBy(() -> Selector.of(TAG, "glob", "matches", "x")).hasMessageContaining("unknown selector kind 'glob'");
        assertThatThrownBy(() -> Selector.of(TAG, "doublestar", "repoMatches", "x")).hasMessageContaining("unknown decoration 'repoMatches'");
        assertThatThrownBy(() -> Selector.of(REPOSITORY, "doublestar", "matches", "x")).hasMessageContaining("repoMatches or repoExcludes");
        assertThatThrownBy(() -> Selector.of(TAG, "doublestar", "matches", "")).hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> Selector.of(TAG, "regex", "matches", "v(1")).isInstanceOf(SelectorException.class)
                .hasMessageContaining("not a valid regular expression").hasMessageContaining("Unclosed group");
        assertThatThrownBy(() -> Selector.of(TAG, "doublestar", "matches", "v[1")).hasMessageContaining("unclosed '['");
        assertThatThrownBy(() -> Selector.of(TAG, "doublestar", "matches", "{a,b")).hasMessageContaining("unclosed '{'");
        assertThatThrownBy(() -> Selector.of(TAG, "doublestar", "matches", "a}")).hasMessageContaining("unmatched '}'");
        assertThatThrownBy(() -> Selector.of(TAG, "regex", "matches", "a".repeat(Selector.MAX_PATTERN + 1)))
                .hasMessageContaining("longer than");
    }

    @Test
    void aPathologicalRegexIsStoppedNotRunForever() {
        Selector s = Selector.of(TAG, "regex", "matches", "(.*a){12}b");
        assertThatThrownBy(() -> s.matches("a".repeat(30))).isInstanceOf(SelectorException.class).hasMessageContaining("too long");
    }
}

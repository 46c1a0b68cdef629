package io.berth.common.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Scope#parseAll} and {@link Scope#parse} on any text (one {@code scope} parameter per line): scopes
 * or IllegalArgumentException, never another exception; a scope that parses prints back to text that
 * parses to the same scope, with at least one action, none empty. Seeds:
 * {@code src/test/resources/io/berth/common/scope/ScopeFuzzTestInputs/parseAll/}.
 */
class ScopeFuzzTest {

    @FuzzTest(maxDuration = "5s")
    @Timeout(10)
    @DictionaryEntries({"repository:", "registry:catalog:*", "repository(plugin):", ":pull", ":push", ",", "*", " "})
    void parseAll(byte[] input) {
        List<String> parameters = Arrays.asList(new String(input, StandardCharsets.UTF_8).split("\n", -1));
        parameters.forEach(ScopeFuzzTest::parseOne);
        List<Scope> scopes;
        try {
            scopes = Scope.parseAll(parameters);
        } catch (IllegalArgumentException e) {
            return;
        }
        String printed = scopes.stream().map(Scope::toString).collect(Collectors.joining(" "));
        assertThat(Scope.parseAll(List.of(printed))).as("%s printed as %s", parameters, printed).isEqualTo(scopes);
    }

    private static void parseOne(String text) {
        Scope scope;
        try {
            scope = Scope.parse(text);
        } catch (IllegalArgumentException e) {
            return;
        }
        assertThat(scope.type()).matches("[a-z0-9]+");
        assertThat(scope.actions()).as("actions of %s", text).isNotEmpty()
                .allSatisfy(action -> assertThat(action).isNotBlank().doesNotContain(",").isEqualTo(action.trim()));
        assertThat(Scope.parse(scope.toString())).as("%s printed as %s", text, scope).isEqualTo(scope);
    }

    @Test
    void aScopeWhoseActionsAreAllEmptyIsMalformedAsOneWithout() {
        // "repository:foo:," parsed to a scope with no action, which printed as the refused "repository:foo:"
        assertThatThrownBy(() -> Scope.parse("repository:foo:")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Scope.parse("repository:foo:,")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Scope.parse("repository:foo: , ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anActionThatTrimsToNothingIsLeftOut() {
        // a control character is not blank but trims away: it gave an empty action, printed as a trailing comma
        assertThat(Scope.parse("repository:foo:pull,\u0001").actions()).containsExactly("pull");
        assertThat(Scope.parse("repository:foo:pull,\u0001")).isEqualTo(Scope.parse("repository:foo:pull,"));
    }

    @Test
    void aRegistryHostWithAPortStaysInTheName() {
        Scope scope = Scope.parse("repository:registry.example:5000/library/nginx:pull,push");
        assertThat(scope.name()).isEqualTo("registry.example:5000/library/nginx");
        assertThat(scope.actions()).containsExactly("pull", "push");
        assertThat(Scope.parseAll(List.of(" repository:a/b:pull  registry:catalog:* ")))
                .containsExactly(Scope.repository("a/b", "pull"), Scope.catalog());
    }
}

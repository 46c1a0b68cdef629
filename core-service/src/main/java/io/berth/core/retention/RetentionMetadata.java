package io.berth.core.retention;

import io.berth.common.retention.RetentionRule;
import io.berth.common.retention.Template;
import io.berth.common.selector.Selector;
import java.util.Arrays;
import java.util.List;

/**
 * Harbor's {@code GET /retentions/metadatas}: the rule templates (from {@link Template}, Harbor's five) and the
 * selector kinds — Harbor's {@code doublestar} and Berth's {@code regex} — with their decorations.
 */
public final class RetentionMetadata {
    /** Harbor's RetentionRuleParamMetadata. */
    public record Param(String type, String unit, boolean required) {}

    /** Harbor's RetentionRuleMetadata. */
    public record RuleTemplate(String ruleTemplate, String displayText, String action, List<Param> params) {}

    /** Harbor's RetentionSelectorMetadata. */
    public record SelectorKind(String displayText, String kind, List<String> decorations) {}

    /** Harbor's RetentionMetadata. */
    public record Metadata(List<RuleTemplate> templates, List<SelectorKind> scopeSelectors, List<SelectorKind> tagSelectors) {}

    public static final Metadata METADATA = new Metadata(
            Arrays.stream(Template.values()).map(t -> new RuleTemplate(t.wire(), t.displayText(), RetentionRule.ACTION,
                    t.unit() == null ? List.of() : List.of(new Param("int", t.unit(), true)))).toList(),
            List.of(new SelectorKind("Repositories", Selector.Kind.DOUBLESTAR.wire(), List.of("repoMatches", "repoExcludes")),
                    new SelectorKind("Repositories (regular expression)", Selector.Kind.REGEX.wire(), List.of("repoMatches", "repoExcludes"))),
            List.of(new SelectorKind("Tags", Selector.Kind.DOUBLESTAR.wire(), List.of("matches", "excludes")),
                    new SelectorKind("Tags (regular expression)", Selector.Kind.REGEX.wire(), List.of("matches", "excludes"))));

    private RetentionMetadata() {}
}

package io.berth.common.retention;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * One rule of a tag retention policy in Harbor's shape ({@code RetentionRule} of api/v2.0/swagger.yaml): a
 * {@link Template} and its {@code params}, tag selectors and repository selectors ({@code scope_selectors.repository}).
 * A tag selector's {@code extras} is Harbor's JSON text {@code {"untagged":true}} when untagged artifacts are
 * candidates of the rule too. Written by core, read by jobservice ({@link io.berth.common.job.RetentionRequest}).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RetentionRule(Long id, Integer priority, Boolean disabled, String action, String template, Map<String, Object> params,
        List<SelectorJson> tagSelectors, Map<String, List<SelectorJson>> scopeSelectors) {

    public static final String ACTION = "retain";
    public static final String REPOSITORY = "repository";

    /** Harbor's RetentionSelector: {@code kind} doublestar (or Berth's regex), a decoration, a pattern, its extras. */
    public record SelectorJson(String kind, String decoration, String pattern, String extras) {}
}

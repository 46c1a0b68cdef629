package io.berth.core.immutable;

import io.berth.core.persistence.TimestampedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An immutable tag rule of a project (db/core V8); registry-service reads it through {@code core.immutable_rule_view}. */
@Entity
@Table(name = "immutable_rule")
public class ImmutableRule extends TimestampedEntity {
    @Column(name = "project_id")
    public long projectId;

    public int priority;

    public boolean disabled;

    public String action = ImmutableRuleService.ACTION;

    public String template = ImmutableRuleService.TEMPLATE;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "tag_selectors")
    public List<SelectorJson> tagSelectors = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "scope_selectors")
    public Map<String, List<SelectorJson>> scopeSelectors = new LinkedHashMap<>();

    /** Harbor's ImmutableSelector: {@code kind} doublestar (or Berth's regex), a decoration, a pattern. */
    public record SelectorJson(String kind, String decoration, String pattern, String extras) {}

    /** Harbor's ImmutableRule, as the API reads and writes it. */
    public record View(Long id, Integer priority, Boolean disabled, String action, String template, Map<String, Object> params,
            List<SelectorJson> tagSelectors, Map<String, List<SelectorJson>> scopeSelectors) {}

    public View view() {
        return new View(id, priority, disabled, action, template, Map.of(), tagSelectors, scopeSelectors);
    }
}

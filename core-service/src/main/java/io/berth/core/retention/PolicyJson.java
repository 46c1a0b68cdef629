package io.berth.core.retention;

import io.berth.common.retention.RetentionRule;
import java.util.List;
import java.util.Map;

/**
 * Harbor's RetentionPolicy as {@code /api/v2.0/retentions} reads and writes it: {@code algorithm} {@code or}, the
 * rules, a {@code Schedule} trigger whose {@code settings.cron} is empty for none, and the project scope.
 */
public record PolicyJson(Long id, String algorithm, List<RetentionRule> rules, Trigger trigger, Scope scope) {
    public static final String ALGORITHM = "or";
    public static final String SCHEDULE = "Schedule";
    public static final String PROJECT = "project";

    /** Harbor's RetentionRuleTrigger. */
    public record Trigger(String kind, Map<String, Object> settings, Map<String, Object> references) {}

    /** Harbor's RetentionPolicyScope: {@code level} project, {@code ref} the project's id. */
    public record Scope(String level, Long ref) {}

    static PolicyJson of(RetentionPolicy p) {
        return new PolicyJson(p.id, ALGORITHM, p.rules, new Trigger(SCHEDULE, Map.of("cron", p.cron == null ? "" : p.cron), Map.of()),
                new Scope(PROJECT, p.projectId));
    }
}

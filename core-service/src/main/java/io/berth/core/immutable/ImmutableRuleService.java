package io.berth.core.immutable;

import io.berth.common.error.HarborException;
import io.berth.common.selector.Selector;
import io.berth.common.selector.SelectorException;
import io.berth.core.api.Page;
import io.berth.core.api.Paging;
import io.berth.core.audit.AuditLog;
import io.berth.core.immutable.ImmutableRule.SelectorJson;
import io.berth.core.immutable.ImmutableRule.View;
import io.berth.core.project.Project;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Harbor's immutable tag rules of a project: validated here with the same {@link Selector} registry-service
 * enforces them with, so that a rule that is stored is a rule that can be applied. Each change is audited.
 */
@ApplicationScoped
public class ImmutableRuleService {
    public static final String ACTION = "immutable";
    public static final String TEMPLATE = "immutable_template";
    public static final String REPOSITORY = "repository";
    /** Harbor's limit per project. */
    public static final int MAX_RULES = 15;

    private final AuditLog audit;

    ImmutableRuleService(AuditLog audit) {
        this.audit = audit;
    }

    public Page<View> list(Project project, Paging paging) {
        return Page.of(ImmutableRule.<ImmutableRule>find("projectId = ?1 order by id", project.id), paging, ImmutableRule::view);
    }

    @Transactional
    public ImmutableRule create(Project project, View request) {
        validate(request);
        if (ImmutableRule.count("projectId", project.id) >= MAX_RULES) {
            throw HarborException.badRequest("a project has at most " + MAX_RULES + " immutable tag rules");
        }
        refuseDuplicate(project, request, null);
        ImmutableRule rule = new ImmutableRule();
        rule.projectId = project.id;
        apply(rule, request);
        rule.disabled = Boolean.TRUE.equals(request.disabled());
        rule.persist();
        audit.success(project.name, "immutable rule " + rule.id, "immutable_rule", "create");
        return rule;
    }

    /**
     * Replaces a rule's selectors and priority, and enables or disables it. A body with only
     * {@code disabled} (what Harbor's portal sends to enable or disable a rule) changes only that.
     */
    @Transactional
    public void update(Project project, long id, View request) {
        if (request == null) {
            throw HarborException.badRequest("a rule is required");
        }
        ImmutableRule rule = rule(project, id);
        boolean onlyDisabled = request.tagSelectors() == null && request.scopeSelectors() == null;
        if (!onlyDisabled) {
            validate(request);
            refuseDuplicate(project, request, id);
            apply(rule, request);
        }
        if (request.disabled() != null) {
            rule.disabled = request.disabled();
        }
        audit.success(project.name, "immutable rule " + id, "immutable_rule",
                onlyDisabled ? (rule.disabled ? "disable" : "enable") : "update");
    }

    @Transactional
    public void delete(Project project, long id) {
        rule(project, id).delete();
        audit.success(project.name, "immutable rule " + id, "immutable_rule", "delete");
    }

    private static ImmutableRule rule(Project project, long id) {
        ImmutableRule rule = ImmutableRule.findById(id);
        if (rule == null || rule.projectId != project.id) {
            throw HarborException.notFound("immutable rule " + id + " not found in " + project.name);
        }
        return rule;
    }

    private static void apply(ImmutableRule rule, View request) {
        rule.priority = request.priority() == null ? 0 : request.priority();
        rule.tagSelectors = normalized(request.tagSelectors());
        Map<String, List<SelectorJson>> scope = new LinkedHashMap<>();
        scope.put(REPOSITORY, normalized(request.scopeSelectors().get(REPOSITORY)));
        rule.scopeSelectors = scope;
    }

    private static List<SelectorJson> normalized(List<SelectorJson> selectors) {
        List<SelectorJson> out = new ArrayList<>();
        selectors.forEach(s -> out.add(new SelectorJson(s.kind(), s.decoration(), s.pattern(), s.extras() == null ? "" : s.extras())));
        return out;
    }

    private static void refuseDuplicate(Project project, View request, Long self) {
        List<SelectorJson> tags = normalized(request.tagSelectors());
        List<SelectorJson> repos = normalized(request.scopeSelectors().get(REPOSITORY));
        for (ImmutableRule other : ImmutableRule.<ImmutableRule>list("projectId", project.id)) {
            if (!Objects.equals(other.id, self) && other.tagSelectors.equals(tags)
                    && Objects.equals(other.scopeSelectors.get(REPOSITORY), repos)) {
                throw HarborException.conflict("immutable rule " + other.id + " of " + project.name + " has the same selectors");
            }
        }
    }

    /** 400 with the reason for a rule whose action, template or selectors Berth cannot apply. */
    static void validate(View request) {
        if (request == null) {
            throw HarborException.badRequest("a rule is required");
        }
        if (request.action() != null && !request.action().isEmpty() && !ACTION.equals(request.action())) {
            throw HarborException.badRequest("action must be '" + ACTION + "'");
        }
        if (request.template() != null && !request.template().isEmpty() && !TEMPLATE.equals(request.template())) {
            throw HarborException.badRequest("template must be '" + TEMPLATE + "'");
        }
        if (request.tagSelectors() == null || request.tagSelectors().isEmpty()) {
            throw HarborException.badRequest("tag_selectors must have at least one selector");
        }
        Map<String, List<SelectorJson>> scope = request.scopeSelectors();
        if (scope == null || scope.get(REPOSITORY) == null || scope.get(REPOSITORY).isEmpty()) {
            throw HarborException.badRequest("scope_selectors must have at least one repository selector");
        }
        if (scope.size() > 1) {
            throw HarborException.badRequest("scope_selectors has only 'repository' selectors");
        }
        check(Selector.Target.TAG, "tag_selectors", request.tagSelectors());
        check(Selector.Target.REPOSITORY, "scope_selectors.repository", scope.get(REPOSITORY));
    }

    private static void check(Selector.Target target, String where, List<SelectorJson> selectors) {
        for (int i = 0; i < selectors.size(); i++) {
            SelectorJson s = selectors.get(i);
            if (s == null) {
                throw HarborException.badRequest(where + "[" + i + "] is empty");
            }
            try {
                Selector.of(target, s.kind(), s.decoration(), s.pattern());
            } catch (SelectorException e) {
                throw HarborException.badRequest(where + "[" + i + "]: " + e.getMessage());
            }
        }
    }
}

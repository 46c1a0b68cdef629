import type { RetentionMetadata, RetentionPolicy, RetentionRule, SelectorKind } from '../../../api/retention';

/** The rule dialog's fields: a template and its number, one repository and one tag selector of one kind. */
export interface RuleForm {
  template: string;
  parameter: string;
  kind: SelectorKind;
  repoDecoration: string;
  repoPattern: string;
  tagDecoration: string;
  tagPattern: string;
  untagged: boolean;
}

export function emptyRule(): RuleForm {
  return {
    template: 'latestPushedK',
    parameter: '10',
    kind: 'doublestar',
    repoDecoration: 'repoMatches',
    repoPattern: '**',
    tagDecoration: 'matches',
    tagPattern: '**',
    untagged: true,
  };
}

/** The unit of a template's parameter (COUNT, DAYS), or null for one that takes none (always). */
export function unitOf(metadata: RetentionMetadata | null, template: string): string | null {
  const t = metadata?.templates.find((m) => m.rule_template === template);
  if (t) return t.params[0]?.unit ?? null;
  return template === 'always' ? null : template.startsWith('nDays') ? 'DAYS' : 'COUNT';
}

/** The fields of a stored rule (its first selectors). */
export function formOfRule(rule: RetentionRule): RuleForm {
  const repo = rule.scope_selectors?.repository?.[0];
  const tag = rule.tag_selectors?.[0];
  const value = rule.params?.[rule.template];
  let untagged = false;
  try {
    untagged = !!tag?.extras && JSON.parse(tag.extras).untagged === true;
  } catch {
    untagged = false;
  }
  return {
    template: rule.template,
    parameter: value === undefined ? '' : String(value),
    kind: tag?.kind === 'regex' ? 'regex' : 'doublestar',
    repoDecoration: repo?.decoration ?? 'repoMatches',
    repoPattern: repo?.pattern ?? '',
    tagDecoration: tag?.decoration ?? 'matches',
    tagPattern: tag?.pattern ?? '',
    untagged,
  };
}

/** The i18n key of what is wrong with the form, or null (the API checks again, with the reason). */
export function ruleProblem(form: RuleForm, metadata: RetentionMetadata | null): string | null {
  const unit = unitOf(metadata, form.template);
  if (unit) {
    const n = Number(form.parameter);
    if (form.parameter.trim() === '' || !Number.isInteger(n) || n < (unit === 'DAYS' ? 1 : 0)) return 'retention.parameterInvalid';
  }
  if (!form.repoPattern.trim()) return 'retention.repoRequired';
  if (!form.tagPattern.trim()) return 'retention.tagRequired';
  if (form.kind === 'regex') {
    for (const pattern of [form.repoPattern, form.tagPattern]) {
      try {
        new RegExp(pattern);
      } catch {
        return 'retention.regexInvalid';
      }
    }
  }
  return null;
}

/** The rule the form describes. */
export function ruleOf(form: RuleForm, metadata: RetentionMetadata | null): RetentionRule {
  const unit = unitOf(metadata, form.template);
  return {
    disabled: false,
    action: 'retain',
    template: form.template,
    params: unit ? { [form.template]: Number(form.parameter) } : {},
    tag_selectors: [{ kind: form.kind, decoration: form.tagDecoration, pattern: form.tagPattern.trim(), extras: JSON.stringify({ untagged: form.untagged }) }],
    scope_selectors: { repository: [{ kind: form.kind, decoration: form.repoDecoration, pattern: form.repoPattern.trim() }] },
  };
}

/** A project's policy with these rules and cron (empty: no schedule); rule ids are left to the server. */
export function policyOf(projectId: number, rules: RetentionRule[], cron: string): RetentionPolicy {
  return {
    algorithm: 'or',
    rules: rules.map(({ id: _id, ...rule }) => rule),
    trigger: { kind: 'Schedule', settings: { cron: cron.trim() }, references: {} },
    scope: { level: 'project', ref: projectId },
  };
}

/** Harbor's schedule presets as six-field crons, and which one a cron is ('custom' for another, 'none' for empty). */
export const SCHEDULES: Record<string, string> = { hourly: '0 0 * * * *', daily: '0 0 0 * * *', weekly: '0 0 0 * * 0' };

export function scheduleOf(cron: string): string {
  if (!cron.trim()) return 'none';
  return Object.entries(SCHEDULES).find(([, c]) => c === cron.trim())?.[0] ?? 'custom';
}

/** Whether a cron has Harbor's six fields (the API checks it fully). */
export function cronLooksValid(cron: string): boolean {
  return cron.trim().split(/\s+/).length === 6;
}

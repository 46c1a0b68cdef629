import { describe, expect, it } from 'vitest';
import type { RetentionMetadata } from '../../../api/retention';
import { cronLooksValid, emptyRule, formOfRule, policyOf, ruleOf, ruleProblem, scheduleOf, unitOf } from './retentionForm';

const metadata: RetentionMetadata = {
  templates: [
    { rule_template: 'latestPushedK', display_text: 'the most recently pushed # artifacts', action: 'retain', params: [{ type: 'int', unit: 'COUNT', required: true }] },
    { rule_template: 'nDaysSinceLastPull', display_text: 'pulled within the last # days', action: 'retain', params: [{ type: 'int', unit: 'DAYS', required: true }] },
    { rule_template: 'always', display_text: 'always', action: 'retain', params: [] },
  ],
};

describe('retention rule form', () => {
  it('makes Harbor’s rule, with the parameter keyed by the template and untagged in extras', () => {
    const rule = ruleOf({ ...emptyRule(), template: 'latestPushedK', parameter: '5', kind: 'regex', tagPattern: ' v[0-9]+ ', untagged: false }, metadata);
    expect(rule).toEqual({
      disabled: false,
      action: 'retain',
      template: 'latestPushedK',
      params: { latestPushedK: 5 },
      tag_selectors: [{ kind: 'regex', decoration: 'matches', pattern: 'v[0-9]+', extras: '{"untagged":false}' }],
      scope_selectors: { repository: [{ kind: 'regex', decoration: 'repoMatches', pattern: '**' }] },
    });
    expect(ruleOf({ ...emptyRule(), template: 'always', parameter: '3' }, metadata).params).toEqual({});
  });

  it('reads a stored rule back into the form', () => {
    const form = { ...emptyRule(), template: 'nDaysSinceLastPull', parameter: '7', tagDecoration: 'excludes', tagPattern: 'dev-*' };
    expect(formOfRule({ id: 3, ...ruleOf(form, metadata) })).toEqual(form);
    expect(formOfRule({ ...ruleOf(form, metadata), tag_selectors: [{ kind: 'doublestar', decoration: 'matches', pattern: '**', extras: 'not json' }] }).untagged).toBe(false);
  });

  it('says what is wrong before the API does', () => {
    expect(ruleProblem(emptyRule(), metadata)).toBeNull();
    expect(ruleProblem({ ...emptyRule(), parameter: '' }, metadata)).toBe('retention.parameterInvalid');
    expect(ruleProblem({ ...emptyRule(), parameter: '-1' }, metadata)).toBe('retention.parameterInvalid');
    expect(ruleProblem({ ...emptyRule(), template: 'nDaysSinceLastPull', parameter: '0' }, metadata)).toBe('retention.parameterInvalid');
    expect(ruleProblem({ ...emptyRule(), template: 'always', parameter: '' }, metadata)).toBeNull();
    expect(ruleProblem({ ...emptyRule(), repoPattern: ' ' }, metadata)).toBe('retention.repoRequired');
    expect(ruleProblem({ ...emptyRule(), tagPattern: '' }, metadata)).toBe('retention.tagRequired');
    expect(ruleProblem({ ...emptyRule(), kind: 'regex', tagPattern: 'v(1' }, metadata)).toBe('retention.regexInvalid');
    expect(ruleProblem({ ...emptyRule(), kind: 'doublestar', tagPattern: 'v(1' }, metadata)).toBeNull();
  });

  it('knows the units without metadata too', () => {
    expect(unitOf(null, 'nDaysSinceLastPush')).toBe('DAYS');
    expect(unitOf(null, 'latestPulledN')).toBe('COUNT');
    expect(unitOf(null, 'always')).toBeNull();
    expect(unitOf(metadata, 'nDaysSinceLastPull')).toBe('DAYS');
  });
});

describe('retention policy', () => {
  it('is Harbor’s policy of the project, rule ids left out, the cron trimmed', () => {
    const rule = { id: 0, ...ruleOf(emptyRule(), metadata) };
    const policy = policyOf(12, [rule], ' 0 0 3 * * * ');
    expect(policy.algorithm).toBe('or');
    expect(policy.scope).toEqual({ level: 'project', ref: 12 });
    expect(policy.trigger).toEqual({ kind: 'Schedule', settings: { cron: '0 0 3 * * *' }, references: {} });
    expect(policy.rules[0]).not.toHaveProperty('id');
  });

  it('names the schedule presets', () => {
    expect(scheduleOf('')).toBe('none');
    expect(scheduleOf('0 0 0 * * *')).toBe('daily');
    expect(scheduleOf('0 0 * * * *')).toBe('hourly');
    expect(scheduleOf('0 0 0 * * 0')).toBe('weekly');
    expect(scheduleOf('0 30 2 * * 6')).toBe('custom');
    expect(cronLooksValid('0 30 2 * * 6')).toBe(true);
    expect(cronLooksValid('30 2 * * 6')).toBe(false);
  });
});

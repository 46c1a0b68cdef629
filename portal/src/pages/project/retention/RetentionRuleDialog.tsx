import { useState } from 'react';
import { Checkbox, FormGroup, FormSelect, FormSelectOption, Radio, TextInput } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import type { RetentionMetadata, RetentionRule } from '../../../api/retention';
import { FieldHelp } from '../../../components/FieldHelp';
import { FormDialog } from '../../../components/FormDialog';
import { emptyRule, formOfRule, ruleOf, ruleProblem, unitOf, type RuleForm } from './retentionForm';

/** A retention rule, new or changed: a template from /retentions/metadatas, which repositories and tags (glob or regex). */
export function RetentionRuleDialog({
  metadata,
  rule,
  onSave,
  onClose,
}: {
  metadata: RetentionMetadata | null;
  rule: RetentionRule | null;
  onSave: (rule: RetentionRule) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form, setForm] = useState<RuleForm>(rule ? formOfRule(rule) : emptyRule());
  const set = (change: Partial<RuleForm>) => setForm((f) => ({ ...f, ...change }));
  const problem = ruleProblem(form, metadata);
  const unit = unitOf(metadata, form.template);
  const templates = metadata?.templates.map((m) => ({ value: m.rule_template, label: m.display_text })) ?? [{ value: form.template, label: form.template }];
  return (
    <FormDialog
      title={t(rule ? 'retention.editRule' : 'retention.addRule')}
      titleId="retention-rule-title"
      formId="retention-rule-form"
      submitLabel={t('retention.saveRule')}
      canSubmit={problem === null}
      variant="medium"
      onClose={onClose}
      onSubmit={() => onSave(ruleOf(form, metadata))}
      notice={problem && <p className="pf-v6-u-color-200">{t(problem)}</p>}
    >
      <FormGroup label={t('retention.template')} isRequired fieldId="retention-template">
        <FormSelect id="retention-template" value={form.template} onChange={(_e, v) => set({ template: v })}>
          {templates.map((o) => (
            <FormSelectOption key={o.value} value={o.value} label={o.label} />
          ))}
        </FormSelect>
      </FormGroup>
      {unit && (
        <FormGroup label={t(unit === 'DAYS' ? 'retention.days' : 'retention.count')} isRequired fieldId="retention-parameter">
          <TextInput id="retention-parameter" type="number" value={form.parameter} onChange={(_e, v) => set({ parameter: v })} />
        </FormGroup>
      )}
      <FormGroup role="radiogroup" label={t('immutable.kind')} fieldId="retention-kind-glob" isInline>
        <Radio id="retention-kind-glob" name="retention-kind" label={t('immutable.glob')} isChecked={form.kind === 'doublestar'} onChange={() => set({ kind: 'doublestar' })} />
        <Radio id="retention-kind-regex" name="retention-kind" label={t('immutable.regex')} isChecked={form.kind === 'regex'} onChange={() => set({ kind: 'regex' })} />
      </FormGroup>
      <FormGroup label={t('immutable.repositories')} isRequired fieldId="retention-repo-pattern">
        <FormSelect id="retention-repo-decoration" aria-label={t('immutable.repoDecoration')} value={form.repoDecoration} onChange={(_e, v) => set({ repoDecoration: v })}>
          <FormSelectOption value="repoMatches" label={t('immutable.matching')} />
          <FormSelectOption value="repoExcludes" label={t('immutable.excluding')} />
        </FormSelect>
        <TextInput id="retention-repo-pattern" className="berth-mono pf-v6-u-mt-xs" value={form.repoPattern} onChange={(_e, v) => set({ repoPattern: v })} aria-describedby="retention-repo-help" />
        <FieldHelp id="retention-repo-help" hint={form.kind === 'regex' ? 'immutable.repoRegexHint' : 'immutable.repoGlobHint'} />
      </FormGroup>
      <FormGroup label={t('immutable.tags')} isRequired fieldId="retention-tag-pattern">
        <FormSelect id="retention-tag-decoration" aria-label={t('immutable.tagDecoration')} value={form.tagDecoration} onChange={(_e, v) => set({ tagDecoration: v })}>
          <FormSelectOption value="matches" label={t('immutable.matching')} />
          <FormSelectOption value="excludes" label={t('immutable.excluding')} />
        </FormSelect>
        <TextInput id="retention-tag-pattern" className="berth-mono pf-v6-u-mt-xs" value={form.tagPattern} onChange={(_e, v) => set({ tagPattern: v })} aria-describedby="retention-tag-help" />
        <FieldHelp id="retention-tag-help" hint={form.kind === 'regex' ? 'immutable.tagRegexHint' : 'immutable.tagGlobHint'} />
        <Checkbox id="retention-untagged" className="pf-v6-u-mt-xs" label={t('retention.untagged')} isChecked={form.untagged} onChange={(_e, v) => set({ untagged: v })} />
      </FormGroup>
    </FormDialog>
  );
}

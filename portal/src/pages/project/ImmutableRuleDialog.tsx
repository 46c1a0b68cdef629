import { useState } from 'react';
import { FormGroup, FormSelect, FormSelectOption, Radio, TextInput } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { immutableRules, ruleOf, type SelectorKind } from '../../api/immutable';
import { FieldHelp } from '../../components/FieldHelp';
import { FormDialog } from '../../components/FormDialog';

/** A new immutable tag rule: which repositories and which tags, as globs or regular expressions. */
export function ImmutableRuleDialog({ projectId, onClose, onCreated }: { projectId: number; onClose: () => void; onCreated: () => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<SelectorKind>('doublestar');
  const [repoDecoration, setRepoDecoration] = useState('repoMatches');
  const [repoPattern, setRepoPattern] = useState('**');
  const [tagDecoration, setTagDecoration] = useState('matches');
  const [tagPattern, setTagPattern] = useState('');
  const valid = repoPattern.trim() !== '' && tagPattern.trim() !== '';
  return (
    <FormDialog
      title={t('immutable.create')}
      titleId="immutable-title"
      formId="immutable-form"
      submitLabel={t('common.create')}
      canSubmit={valid}
      variant="medium"
      onClose={onClose}
      onSubmit={async () => {
        await immutableRules.create(projectId, ruleOf({ kind, repoDecoration, repoPattern, tagDecoration, tagPattern }));
        onCreated();
      }}
    >
      <FormGroup role="radiogroup" label={t('immutable.kind')} fieldId="immutable-kind-glob" isInline>
        <Radio id="immutable-kind-glob" name="immutable-kind" label={t('immutable.glob')} isChecked={kind === 'doublestar'} onChange={() => setKind('doublestar')} />
        <Radio id="immutable-kind-regex" name="immutable-kind" label={t('immutable.regex')} isChecked={kind === 'regex'} onChange={() => setKind('regex')} />
      </FormGroup>
      <FormGroup label={t('immutable.repositories')} isRequired fieldId="immutable-repo-pattern">
        <FormSelect id="immutable-repo-decoration" aria-label={t('immutable.repoDecoration')} value={repoDecoration} onChange={(_e, v) => setRepoDecoration(v)}>
          <FormSelectOption value="repoMatches" label={t('immutable.matching')} />
          <FormSelectOption value="repoExcludes" label={t('immutable.excluding')} />
        </FormSelect>
        <TextInput id="immutable-repo-pattern" className="berth-mono pf-v6-u-mt-xs" value={repoPattern} onChange={(_e, v) => setRepoPattern(v)} aria-describedby="immutable-repo-help" />
        <FieldHelp id="immutable-repo-help" hint={kind === 'regex' ? 'immutable.repoRegexHint' : 'immutable.repoGlobHint'} />
      </FormGroup>
      <FormGroup label={t('immutable.tags')} isRequired fieldId="immutable-tag-pattern">
        <FormSelect id="immutable-tag-decoration" aria-label={t('immutable.tagDecoration')} value={tagDecoration} onChange={(_e, v) => setTagDecoration(v)}>
          <FormSelectOption value="matches" label={t('immutable.matching')} />
          <FormSelectOption value="excludes" label={t('immutable.excluding')} />
        </FormSelect>
        <TextInput id="immutable-tag-pattern" className="berth-mono pf-v6-u-mt-xs" value={tagPattern} onChange={(_e, v) => setTagPattern(v)} aria-describedby="immutable-tag-help" />
        <FieldHelp id="immutable-tag-help" hint={kind === 'regex' ? 'immutable.tagRegexHint' : 'immutable.tagGlobHint'} />
      </FormGroup>
    </FormDialog>
  );
}

import { useState } from 'react';
import { FormGroup, TextInput } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { FieldHelp } from '../../components/FieldHelp';
import { FormDialog } from '../../components/FormDialog';
import { tagName } from '../../lib/validation';

/** A new tag for an artifact, its name checked as it is typed. */
export function AddTagDialog({ onClose, onAdd }: { onClose: () => void; onAdd: (tag: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [tag, setTag] = useState('');
  const problem = tagName(tag);
  const shown = tag === '' ? null : problem;
  return (
    <FormDialog
      title={t('artifacts.addTag')}
      titleId="add-tag-title"
      formId="add-tag-form"
      submitLabel={t('artifacts.addTag')}
      canSubmit={!problem}
      onSubmit={() => onAdd(tag)}
      onClose={onClose}
    >
      <FormGroup label={t('artifacts.tagName')} isRequired fieldId="tag-name">
        <TextInput id="tag-name" value={tag} onChange={(_e, v) => setTag(v)} validated={shown ? 'error' : 'default'} aria-describedby="tag-name-help" autoFocus />
        <FieldHelp id="tag-name-help" problem={shown} hint="validation.tagHint" />
      </FormGroup>
    </FormDialog>
  );
}

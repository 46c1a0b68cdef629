import { useState } from 'react';
import { FormGroup, TextInput } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { labels, type LabelData } from '../../../api/labels';
import { FieldHelp } from '../../../components/FieldHelp';
import { FormDialog } from '../../../components/FormDialog';
import { ColorSelect } from './ColorSelect';
import { NEW_LABEL, labelChange, labelFormOf, labelNameProblem, labelValid, type LabelFormValues } from './labelForm';

/** POST /api/v2.0/labels {name, description, color, scope: g} (new) or PUT /api/v2.0/labels/{id} (edit). */
export function LabelDialog({ label, onClose, onSaved }: { label?: LabelData; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<LabelFormValues>(label ? labelFormOf(label) : NEW_LABEL);
  const problem = labelNameProblem(values);
  const valid = labelValid(values);

  return (
    <FormDialog
      title={label ? t('adminLabels.editTitle') : t('adminLabels.createTitle')}
      titleId="label-title"
      formId="label-form"
      submitLabel={label ? t('adminLabels.save') : t('common.create')}
      canSubmit={valid}
      onSubmit={async () => {
        if (label) {
          await labels.update(label.id, labelChange(values));
        } else {
          await labels.createGlobal(labelChange(values));
        }
        onSaved();
      }}
      onClose={onClose}
    >
      <FormGroup label={t('adminLabels.name')} isRequired fieldId="label-name">
        <TextInput
          id="label-name"
          value={values.name}
          onChange={(_e, v) => setValues({ ...values, name: v })}
          validated={problem ? 'error' : 'default'}
          aria-describedby="label-name-help"
          autoFocus
        />
        <FieldHelp id="label-name-help" problem={problem} hint="adminLabels.nameHint" />
      </FormGroup>
      <FormGroup label={t('adminLabels.color')} fieldId="label-color">
        <ColorSelect id="label-color" value={values.color} sample={values.name} onChange={(color) => setValues({ ...values, color })} />
      </FormGroup>
      <FormGroup label={t('adminLabels.description')} fieldId="label-description">
        <TextInput id="label-description" value={values.description} onChange={(_e, v) => setValues({ ...values, description: v })} />
      </FormGroup>
    </FormDialog>
  );
}

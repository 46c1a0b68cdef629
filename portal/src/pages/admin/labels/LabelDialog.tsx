import { useState, type FormEvent } from 'react';
import { Button, Form, FormGroup, Modal, ModalBody, ModalFooter, ModalHeader, TextInput } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { labels, type LabelData } from '../../../api/labels';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { FieldHelp } from '../../../components/FieldHelp';
import { ColorSelect } from './ColorSelect';
import { NEW_LABEL, labelChange, labelFormOf, labelNameProblem, labelValid, type LabelFormValues } from './labelForm';

/** POST /api/v2.0/labels {name, description, color, scope: g} (new) or PUT /api/v2.0/labels/{id} (edit). */
export function LabelDialog({ label, onClose, onSaved }: { label?: LabelData; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<LabelFormValues>(label ? labelFormOf(label) : NEW_LABEL);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const problem = labelNameProblem(values);
  const valid = labelValid(values);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!valid) {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      if (label) {
        await labels.update(label.id, labelChange(values));
      } else {
        await labels.createGlobal(labelChange(values));
      }
      onSaved();
      onClose();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <Modal isOpen variant="small" onClose={onClose} aria-labelledby="label-title">
      <ModalHeader title={label ? t('adminLabels.editTitle') : t('adminLabels.createTitle')} labelId="label-title" />
      <ModalBody>
        <ErrorAlert error={error} />
        <Form id="label-form" onSubmit={submit}>
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
        </Form>
      </ModalBody>
      <ModalFooter>
        <Button type="submit" form="label-form" isDisabled={!valid || busy} isLoading={busy}>
          {label ? t('adminLabels.save') : t('common.create')}
        </Button>
        <Button variant="link" onClick={onClose}>
          {t('common.cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}

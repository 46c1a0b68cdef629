import { useState, type FormEvent } from 'react';
import { Button, Form, FormGroup, FormHelperText, HelperText, HelperTextItem, Modal, ModalBody, ModalFooter, ModalHeader, TextInput } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { tagName } from '../../lib/validation';

/** A new tag for an artifact, its name checked as it is typed. */
export function AddTagDialog({ onClose, onAdd }: { onClose: () => void; onAdd: (tag: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [tag, setTag] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const problem = tagName(tag);
  const shown = tag === '' ? null : problem;
  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (problem) {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onAdd(tag);
      onClose();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return (
    <Modal isOpen variant="small" onClose={onClose} aria-labelledby="add-tag-title">
      <ModalHeader title={t('artifacts.addTag')} labelId="add-tag-title" />
      <ModalBody>
        <ErrorAlert error={error} />
        <Form id="add-tag-form" onSubmit={submit}>
          <FormGroup label={t('artifacts.tagName')} isRequired fieldId="tag-name">
            <TextInput id="tag-name" value={tag} onChange={(_e, v) => setTag(v)} validated={shown ? 'error' : 'default'} autoFocus />
            <FormHelperText>
              <HelperText>
                <HelperTextItem variant={shown ? 'error' : 'default'}>{t(shown ?? 'validation.tagHint')}</HelperTextItem>
              </HelperText>
            </FormHelperText>
          </FormGroup>
        </Form>
      </ModalBody>
      <ModalFooter>
        <Button type="submit" form="add-tag-form" isDisabled={!!problem || busy} isLoading={busy}>
          {t('artifacts.addTag')}
        </Button>
        <Button variant="link" onClick={onClose}>
          {t('common.cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}

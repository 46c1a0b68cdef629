import { useState, type FormEvent } from 'react';
import { Button, Form, FormGroup, Modal, ModalBody, ModalFooter, ModalHeader, TextInput } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { users, type AdminUser } from '../../../api/users';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { FieldHelp } from '../../../components/FieldHelp';
import { confirmation, password } from '../../../lib/validation';

/** PUT /api/v2.0/users/{id}/password {new_password}: a system administrator needs no old password for someone else's. */
export function ResetPasswordDialog({ user, onClose, onDone }: { user: AdminUser; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const problem = value === '' ? null : password(value);
  const confirmProblem = confirm === '' ? null : confirmation(value, confirm);
  const valid = password(value) === null && confirmation(value, confirm) === null;

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!valid) {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await users.resetPassword(user.user_id, value);
      onDone();
      onClose();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <Modal isOpen variant="small" onClose={onClose} aria-labelledby="reset-password-title">
      <ModalHeader
        title={t('adminUsers.resetTitle')}
        labelId="reset-password-title"
        description={t('adminUsers.resetHint', { name: user.username })}
      />
      <ModalBody>
        <ErrorAlert error={error} />
        <Form id="reset-password-form" onSubmit={submit}>
          <FormGroup label={t('adminUsers.newPassword')} isRequired fieldId="reset-password">
            <TextInput
              id="reset-password"
              type="password"
              autoComplete="new-password"
              value={value}
              onChange={(_e, v) => setValue(v)}
              validated={problem ? 'error' : 'default'}
              aria-describedby="reset-password-help"
              autoFocus
            />
            <FieldHelp id="reset-password-help" problem={problem} hint="validation.passwordRule" />
          </FormGroup>
          <FormGroup label={t('adminUsers.confirm')} isRequired fieldId="reset-confirm">
            <TextInput
              id="reset-confirm"
              type="password"
              autoComplete="new-password"
              value={confirm}
              onChange={(_e, v) => setConfirm(v)}
              validated={confirmProblem ? 'error' : 'default'}
              aria-describedby="reset-confirm-help"
            />
            <FieldHelp id="reset-confirm-help" problem={confirmProblem} />
          </FormGroup>
        </Form>
      </ModalBody>
      <ModalFooter>
        <Button type="submit" form="reset-password-form" isDisabled={!valid || busy} isLoading={busy}>
          {t('adminUsers.resetPassword')}
        </Button>
        <Button variant="link" onClick={onClose}>
          {t('common.cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}

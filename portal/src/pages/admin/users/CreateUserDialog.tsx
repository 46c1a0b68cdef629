import { useState, type FormEvent } from 'react';
import { Button, Form, FormGroup, Modal, ModalBody, ModalFooter, ModalHeader, TextInput } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { users } from '../../../api/users';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { FieldHelp } from '../../../components/FieldHelp';
import { EMPTY_USER, userCreation, userProblems, userValid, type UserFormValues } from './userForm';

/** POST /api/v2.0/users {username, email, realname, password, comment}; each field checked as it is typed. */
export function CreateUserDialog({ onClose, onCreated }: { onClose: () => void; onCreated: () => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<UserFormValues>(EMPTY_USER);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const problems = userProblems(values);
  const valid = userValid(values);
  const set = (field: keyof UserFormValues) => (_e: unknown, value: string) => setValues((v) => ({ ...v, [field]: value }));

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!valid) {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await users.create(userCreation(values));
      onCreated();
      onClose();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <Modal isOpen variant="small" onClose={onClose} aria-labelledby="create-user-title">
      <ModalHeader title={t('adminUsers.createTitle')} labelId="create-user-title" />
      <ModalBody>
        <ErrorAlert error={error} />
        <Form id="create-user-form" onSubmit={submit}>
          <FormGroup label={t('adminUsers.username')} isRequired fieldId="user-name">
            <TextInput
              id="user-name"
              value={values.username}
              onChange={set('username')}
              validated={problems.username ? 'error' : 'default'}
              aria-describedby="user-name-help"
              autoComplete="off"
              autoFocus
            />
            <FieldHelp id="user-name-help" problem={problems.username} hint="adminUsers.usernameHint" />
          </FormGroup>
          <FormGroup label={t('adminUsers.email')} fieldId="user-email">
            <TextInput
              id="user-email"
              type="email"
              value={values.email}
              onChange={set('email')}
              validated={problems.email ? 'error' : 'default'}
              aria-describedby="user-email-help"
              autoComplete="off"
            />
            <FieldHelp id="user-email-help" problem={problems.email} />
          </FormGroup>
          <FormGroup label={t('adminUsers.realname')} fieldId="user-realname">
            <TextInput id="user-realname" value={values.realname} onChange={set('realname')} autoComplete="off" />
          </FormGroup>
          <FormGroup label={t('adminUsers.password')} isRequired fieldId="user-password">
            <TextInput
              id="user-password"
              type="password"
              autoComplete="new-password"
              value={values.password}
              onChange={set('password')}
              validated={problems.password ? 'error' : 'default'}
              aria-describedby="user-password-help"
            />
            <FieldHelp id="user-password-help" problem={problems.password} hint="validation.passwordRule" />
          </FormGroup>
          <FormGroup label={t('adminUsers.confirm')} isRequired fieldId="user-confirm">
            <TextInput
              id="user-confirm"
              type="password"
              autoComplete="new-password"
              value={values.confirm}
              onChange={set('confirm')}
              validated={problems.confirm ? 'error' : 'default'}
              aria-describedby="user-confirm-help"
            />
            <FieldHelp id="user-confirm-help" problem={problems.confirm} />
          </FormGroup>
          <FormGroup label={t('adminUsers.comment')} fieldId="user-comment">
            <TextInput id="user-comment" value={values.comment} onChange={set('comment')} autoComplete="off" />
          </FormGroup>
        </Form>
      </ModalBody>
      <ModalFooter>
        <Button type="submit" form="create-user-form" isDisabled={!valid || busy} isLoading={busy}>
          {t('common.create')}
        </Button>
        <Button variant="link" onClick={onClose}>
          {t('common.cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}

import { useState, type FormEvent } from 'react';
import { ActionGroup, Alert, Button, Form, FormGroup, PageSection, TextInput, Title } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { session } from '../../api/berth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NewPasswordField } from '../../components/NewPasswordField';
import { useSubmit } from '../../components/useSubmit';
import { useAuth } from '../../app/auth';
import * as rules from '../../lib/validation';

/** PUT /api/v2.0/users/{id}/password with the old and the new password. */
export default function PasswordPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [oldPassword, setOldPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const { busy, error, run } = useSubmit({ stayOpen: true });
  const [done, setDone] = useState(false);

  const newProblem = newPassword === '' ? null : rules.password(newPassword);
  const confirmProblem = confirm === '' ? null : rules.confirmation(newPassword, confirm);
  const valid = oldPassword !== '' && rules.password(newPassword) === null && rules.confirmation(newPassword, confirm) === null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!user || !valid) {
      return;
    }
    setDone(false);
    await run(async () => {
      await session.changePassword(user.user_id, oldPassword, newPassword);
      setDone(true);
      setOldPassword('');
      setNewPassword('');
      setConfirm('');
    });
  };

  return (
    <PageSection>
      <Title headingLevel="h1" className="pf-v6-u-mb-md">
        {t('password.title')}
      </Title>
      <Form onSubmit={submit} maxWidth="32rem" aria-label={t('password.title')}>
        <ErrorAlert error={error} />
        {done && <Alert variant="success" isInline title={t('password.changed')} />}
        <FormGroup label={t('password.old')} isRequired fieldId="password-old">
          <TextInput id="password-old" type="password" autoComplete="current-password" value={oldPassword} onChange={(_e, v) => setOldPassword(v)} />
        </FormGroup>
        <NewPasswordField id="password-new" label={t('password.new')} value={newPassword} onChange={setNewPassword} problem={newProblem} hint="validation.passwordRule" />
        <NewPasswordField id="password-confirm" label={t('password.confirm')} value={confirm} onChange={setConfirm} problem={confirmProblem} />
        <ActionGroup>
          <Button type="submit" isDisabled={!valid || busy} isLoading={busy}>
            {t('password.submit')}
          </Button>
        </ActionGroup>
      </Form>
    </PageSection>
  );
}

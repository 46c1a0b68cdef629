import { useState, type FormEvent } from 'react';
import {
  ActionGroup,
  Alert,
  Button,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  PageSection,
  TextInput,
  Title,
} from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { session } from '../../api/berth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAuth } from '../../app/auth';
import * as rules from '../../lib/validation';

/** PUT /api/v2.0/users/{id}/password with the old and the new password. */
export default function PasswordPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [oldPassword, setOldPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);

  const newProblem = newPassword === '' ? null : rules.password(newPassword);
  const confirmProblem = confirm === '' ? null : rules.confirmation(newPassword, confirm);
  const valid = oldPassword !== '' && rules.password(newPassword) === null && rules.confirmation(newPassword, confirm) === null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!user || !valid) {
      return;
    }
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await session.changePassword(user.user_id, oldPassword, newPassword);
      setDone(true);
      setOldPassword('');
      setNewPassword('');
      setConfirm('');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
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
        <FormGroup label={t('password.new')} isRequired fieldId="password-new">
          <TextInput
            id="password-new"
            type="password"
            autoComplete="new-password"
            value={newPassword}
            validated={newProblem ? 'error' : 'default'}
            onChange={(_e, v) => setNewPassword(v)}
          />
          <FormHelperText>
            <HelperText>
              <HelperTextItem variant={newProblem ? 'error' : 'default'}>{t(newProblem ?? 'validation.passwordRule')}</HelperTextItem>
            </HelperText>
          </FormHelperText>
        </FormGroup>
        <FormGroup label={t('password.confirm')} isRequired fieldId="password-confirm">
          <TextInput
            id="password-confirm"
            type="password"
            autoComplete="new-password"
            value={confirm}
            validated={confirmProblem ? 'error' : 'default'}
            onChange={(_e, v) => setConfirm(v)}
          />
          {confirmProblem && (
            <FormHelperText>
              <HelperText>
                <HelperTextItem variant="error">{t(confirmProblem)}</HelperTextItem>
              </HelperText>
            </FormHelperText>
          )}
        </FormGroup>
        <ActionGroup>
          <Button type="submit" isDisabled={!valid || busy} isLoading={busy}>
            {t('password.submit')}
          </Button>
        </ActionGroup>
      </Form>
    </PageSection>
  );
}

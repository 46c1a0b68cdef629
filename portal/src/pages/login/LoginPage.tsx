import { useState, type FormEvent } from 'react';
import {
  ActionGroup,
  Alert,
  Button,
  Form,
  FormGroup,
  LoginPage as PfLoginPage,
  TextInput,
} from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { messageOf } from '../../api/errors';
import { useAuth } from '../../app/auth';
import { LanguageSelect } from '../../app/LanguageSelect';
import { links } from '../../app/routes';
import { useSubmit } from '../../components/useSubmit';
import { safeNext } from '../../lib/next';

/** POST /c/login (form principal, password); a wrong password shows the API's message. */
export default function LoginPage() {
  const { t } = useTranslation();
  const auth = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [principal, setPrincipal] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useSubmit();
  const next = safeNext(params.get('next'), links.home());

  if (auth.status === 'authenticated') {
    return <Navigate to={next} replace />;
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await run(async () => {
      await auth.login(principal, password);
      navigate(next, { replace: true });
    });
  };

  return (
    <PfLoginPage loginTitle={t('login.title')} loginSubtitle={t('login.subtitle')} headerUtilities={<LanguageSelect />}>
      <Form onSubmit={submit} aria-label={t('login.title')}>
        {auth.expired && !error && <Alert variant="info" isInline isPlain title={t('login.expired')} />}
        {!!error && <Alert variant="danger" isInline title={messageOf(error)} role="alert" />}
        <FormGroup label={t('login.username')} isRequired fieldId="login-username">
          <TextInput
            id="login-username"
            name="principal"
            autoComplete="username"
            isRequired
            value={principal}
            onChange={(_e, v) => setPrincipal(v)}
            autoFocus
          />
        </FormGroup>
        <FormGroup label={t('login.password')} isRequired fieldId="login-password">
          <TextInput
            id="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            isRequired
            value={password}
            onChange={(_e, v) => setPassword(v)}
          />
        </FormGroup>
        <ActionGroup>
          <Button type="submit" variant="primary" isBlock isLoading={busy} isDisabled={busy || principal === '' || password === ''}>
            {t('login.submit')}
          </Button>
        </ActionGroup>
      </Form>
    </PfLoginPage>
  );
}

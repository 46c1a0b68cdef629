import { useState } from 'react';
import { Alert, Button, Checkbox, FormGroup, FormSelect, FormSelectOption, TextArea, TextInput } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { SCANNER_AUTHS, scanners, type Scanner } from '../../../api/scanners';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { FieldHelp } from '../../../components/FieldHelp';
import { FormDialog } from '../../../components/FormDialog';
import {
  NEW_SCANNER,
  hasStoredCredential,
  scannerFormOf,
  scannerPing,
  scannerPingable,
  scannerProblems,
  scannerRequest,
  scannerValid,
  type ScannerFormValues,
} from './scannerForm';

type Ping = { state: 'idle' } | { state: 'busy' } | { state: 'ok' } | { state: 'failed'; error: unknown };

/** POST /api/v2.0/scanners (new) or PUT /scanners/{id} (edit), and "Test connection" (POST /scanners/ping) with the form's values. */
export function ScannerDialog({ scanner, onClose, onSaved }: { scanner?: Scanner; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<ScannerFormValues>(scanner ? scannerFormOf(scanner) : NEW_SCANNER);
  const [ping, setPing] = useState<Ping>({ state: 'idle' });
  const problems = scannerProblems(values, scanner);
  const stored = hasStoredCredential(scanner) && scanner?.auth === values.auth;

  const change = (field: keyof ScannerFormValues, value: string | boolean) => {
    setValues((v) => ({ ...v, [field]: value }));
    setPing({ state: 'idle' });
  };

  const test = async () => {
    setPing({ state: 'busy' });
    try {
      await scanners.ping(scannerPing(values));
      setPing({ state: 'ok' });
    } catch (e) {
      setPing({ state: 'failed', error: e });
    }
  };

  const tokenLabel = values.auth === 'Basic' ? t('adminScanners.password') : t('adminScanners.token');
  return (
    <FormDialog
      variant="medium"
      title={scanner ? t('adminScanners.editTitle') : t('adminScanners.createTitle')}
      titleId="scanner-title"
      formId="scanner-form"
      submitLabel={scanner ? t('adminScanners.save') : t('common.create')}
      canSubmit={scannerValid(values, scanner)}
      submitTestId="scanner-submit"
      onSubmit={async () => {
        if (scanner) {
          await scanners.update(scanner.uuid, scannerRequest(values, scanner));
        } else {
          await scanners.create(scannerRequest(values));
        }
        onSaved();
      }}
      onClose={onClose}
      notice={
        <div aria-live="polite">
          {ping.state === 'ok' && <Alert variant="success" isInline title={t('adminScanners.pingOk')} className="pf-v6-u-mb-md" />}
          {ping.state === 'failed' && <ErrorAlert error={ping.error} title={t('adminScanners.pingFailed')} />}
        </div>
      }
      footerExtra={
        <Button variant="secondary" onClick={test} isDisabled={!scannerPingable(values) || ping.state === 'busy'} isLoading={ping.state === 'busy'}>
          {t('adminScanners.ping')}
        </Button>
      }
    >
      <FormGroup label={t('adminScanners.name')} isRequired fieldId="scanner-name">
        <TextInput
          id="scanner-name"
          value={values.name}
          onChange={(_e, v) => change('name', v)}
          validated={problems.name ? 'error' : 'default'}
          aria-describedby="scanner-name-help"
          autoFocus
        />
        <FieldHelp id="scanner-name-help" problem={problems.name} />
      </FormGroup>
      <FormGroup label={t('adminScanners.description')} fieldId="scanner-description">
        <TextArea id="scanner-description" value={values.description} onChange={(_e, v) => change('description', v)} resizeOrientation="vertical" />
      </FormGroup>
      <FormGroup label={t('adminScanners.url')} isRequired fieldId="scanner-url">
        <TextInput
          id="scanner-url"
          type="url"
          value={values.url}
          onChange={(_e, v) => change('url', v)}
          validated={problems.url ? 'error' : 'default'}
          aria-describedby="scanner-url-help"
          placeholder="http://harbor-scanner-trivy:8080"
        />
        <FieldHelp id="scanner-url-help" problem={problems.url} hint="adminScanners.urlHint" />
      </FormGroup>
      <FormGroup label={t('adminScanners.auth')} fieldId="scanner-auth">
        <FormSelect id="scanner-auth" value={values.auth} onChange={(_e, v) => change('auth', v)}>
          {SCANNER_AUTHS.map((a) => (
            <FormSelectOption key={a} value={a} label={a === '' ? t('adminScanners.authNone') : a} />
          ))}
        </FormSelect>
      </FormGroup>
      {values.auth === 'Basic' && (
        <FormGroup label={t('adminScanners.username')} fieldId="scanner-username">
          <TextInput id="scanner-username" value={values.username} onChange={(_e, v) => change('username', v)} autoComplete="off" />
        </FormGroup>
      )}
      {values.auth !== '' && (
        <FormGroup label={tokenLabel} fieldId="scanner-credential">
          <TextInput
            id="scanner-credential"
            type="password"
            value={values.password}
            onChange={(_e, v) => change('password', v)}
            autoComplete="new-password"
            validated={problems.credential && !stored ? 'error' : 'default'}
            aria-describedby="scanner-credential-help"
          />
          <FieldHelp id="scanner-credential-help" problem={stored && values.password === '' && values.username === '' ? null : problems.credential} hint={stored ? 'adminScanners.credentialKept' : undefined} />
        </FormGroup>
      )}
      <FormGroup fieldId="scanner-options" role="group" label={t('adminScanners.options')}>
        <Checkbox
          id="scanner-skip-cert"
          label={t('adminScanners.skipCert')}
          description={t('adminScanners.skipCertHint')}
          isChecked={values.skipCertVerify}
          onChange={(_e, v) => change('skipCertVerify', v)}
        />
        <Checkbox
          id="scanner-internal"
          label={t('adminScanners.internalAddr')}
          description={t('adminScanners.internalAddrHint')}
          isChecked={values.useInternalAddr}
          onChange={(_e, v) => change('useInternalAddr', v)}
        />
      </FormGroup>
    </FormDialog>
  );
}

import { useState } from 'react';
import { Alert, Button } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { configurations, type LdapPing } from '../../../api/configurations';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useSubmit } from '../../../components/useSubmit';

/** "Test LDAP server": POST /ldap/ping binds as the stored search account, so unsaved changes must be saved first. */
export function LdapPingButton({ unsaved }: { unsaved: boolean }) {
  const { t } = useTranslation();
  const { busy, error, run } = useSubmit({ stayOpen: true });
  const [result, setResult] = useState<LdapPing | null>(null);
  const ping = () =>
    run(async () => {
      setResult(null);
      setResult(await configurations.pingLdap());
    });
  return (
    <div>
      <Button variant="secondary" onClick={() => void ping()} isDisabled={busy || unsaved} isLoading={busy} aria-describedby="ldap-ping-help">
        {t('configAuth.ldapPing')}
      </Button>
      <div id="ldap-ping-help" className="pf-v6-u-font-size-sm pf-v6-u-color-200 pf-v6-u-mt-xs">
        {unsaved ? t('configAuth.ldapPingUnsaved') : t('configAuth.ldapPingHelp')}
      </div>
      <ErrorAlert error={error} />
      {result && (
        <Alert
          isInline
          isPlain
          className="pf-v6-u-mt-sm"
          variant={result.success ? 'success' : 'danger'}
          title={result.success ? t('configAuth.ldapPingOk') : t('configAuth.ldapPingFailed')}
        >
          {result.message}
        </Alert>
      )}
    </div>
  );
}

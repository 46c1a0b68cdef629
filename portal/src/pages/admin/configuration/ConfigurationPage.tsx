import { useState } from 'react';
import { Alert, Bullseye, PageSection, Spinner, Tab, TabTitleText, Tabs, Title } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { configurations } from '../../../api/configurations';
import { links } from '../../../app/routes';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useLoaded } from '../../../components/useLoaded';
import { SettingsForm } from './SettingsForm';

/**
 * Administration → Configuration: GET /api/v2.0/configurations as Harbor's tabs, Authentication (auth mode, LDAP,
 * self-registration) and System settings (project creation, read-only, token lifetimes). Each tab saves its own keys.
 */
export default function ConfigurationPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const tab = location.pathname.endsWith('/system-settings') ? 'system' : 'auth';
  const loaded = useLoaded(configurations.get, []);
  const [saved, setSaved] = useState(false);
  const onSaved = () => {
    setSaved(true);
    loaded.reload();
  };
  const onEdit = () => setSaved(false);
  return (
    <PageSection>
      <Title headingLevel="h1" className="pf-v6-u-mb-md">
        {t('configAuth.title')}
      </Title>
      <ErrorAlert error={loaded.error} />
      {saved && <Alert variant="success" isInline isPlain title={t('configAuth.saved')} className="pf-v6-u-mb-md" />}
      {loaded.loading && !loaded.data && (
        <Bullseye>
          <Spinner aria-label={t('common.loading')} />
        </Bullseye>
      )}
      {loaded.data && (
        <Tabs
          activeKey={tab}
          onSelect={(_e, key) => {
            setSaved(false);
            navigate(key === 'system' ? links.admin('configuration', 'system-settings') : links.admin('configuration'));
          }}
          aria-label={t('configAuth.title')}
          mountOnEnter
          unmountOnExit
        >
          <Tab eventKey="auth" title={<TabTitleText>{t('configAuth.authentication')}</TabTitleText>}>
            <PageSection padding={{ default: 'noPadding' }} className="pf-v6-u-pt-md">
              {/* keyed by the stored values: after a save the form starts again from what the API now has */}
              <SettingsForm key={JSON.stringify(loaded.data)} stored={loaded.data} sections={['auth', 'ldap']} onSaved={onSaved} onEdit={onEdit} />
            </PageSection>
          </Tab>
          <Tab eventKey="system" title={<TabTitleText>{t('configAuth.system')}</TabTitleText>}>
            <PageSection padding={{ default: 'noPadding' }} className="pf-v6-u-pt-md">
              <SettingsForm key={JSON.stringify(loaded.data)} stored={loaded.data} sections={['system']} onSaved={onSaved} onEdit={onEdit} />
            </PageSection>
          </Tab>
        </Tabs>
      )}
    </PageSection>
  );
}

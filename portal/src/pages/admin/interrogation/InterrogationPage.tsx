import { PageSection, Tab, TabTitleText, Tabs, Title } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { links } from '../../../app/routes';
import { ScannersTab } from './ScannersTab';
import { VulnerabilityTab } from './VulnerabilityTab';

/** Harbor's "Interrogation Services": /admin/scanners (the scanner registrations) and /admin/vulnerability (scan all, the system CVE allowlist). */
export default function InterrogationPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const tab = location.pathname.startsWith(links.admin('vulnerability')) ? 'vulnerability' : 'scanners';
  return (
    <>
      <PageSection>
        <Title headingLevel="h1">{t('adminScanners.pageTitle')}</Title>
      </PageSection>
      <PageSection type="tabs">
        <Tabs
          activeKey={tab}
          onSelect={(_e, key) => navigate(links.admin(String(key)))}
          aria-label={t('adminScanners.tabs')}
          mountOnEnter
          unmountOnExit
          usePageInsets
        >
          <Tab eventKey="scanners" title={<TabTitleText>{t('adminScanners.title')}</TabTitleText>} data-testid="interrogation-tab-scanners">
            <PageSection>
              <ScannersTab />
            </PageSection>
          </Tab>
          <Tab eventKey="vulnerability" title={<TabTitleText>{t('adminVulnerability.title')}</TabTitleText>} data-testid="interrogation-tab-vulnerability">
            <PageSection>
              <VulnerabilityTab />
            </PageSection>
          </Tab>
        </Tabs>
      </PageSection>
    </>
  );
}

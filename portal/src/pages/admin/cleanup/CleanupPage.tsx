import { PageSection, Tab, TabTitleText, Tabs, Title } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { links } from '../../../app/routes';
import { GcTab } from './gc/GcTab';
import { PurgeTab } from './purge/PurgeTab';

/** /admin/gc: garbage collection; /admin/log-rotation: the audit-log purge. Harbor's "Clean Up", two tabs. */
export default function CleanupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const tab = location.pathname.startsWith(links.admin('log-rotation')) ? 'log-rotation' : 'gc';
  return (
    <>
      <PageSection>
        <Title headingLevel="h1">{t('cleanup.title')}</Title>
      </PageSection>
      <PageSection type="tabs">
        <Tabs
          activeKey={tab}
          onSelect={(_e, key) => navigate(links.admin(String(key)))}
          aria-label={t('cleanup.tabs')}
          mountOnEnter
          unmountOnExit
          usePageInsets
        >
          <Tab eventKey="gc" title={<TabTitleText>{t('adminGc.title')}</TabTitleText>} data-testid="cleanup-tab-gc">
            <PageSection>
              <GcTab />
            </PageSection>
          </Tab>
          <Tab eventKey="log-rotation" title={<TabTitleText>{t('adminPurge.title')}</TabTitleText>} data-testid="cleanup-tab-log-rotation">
            <PageSection>
              <PurgeTab />
            </PageSection>
          </Tab>
        </Tabs>
      </PageSection>
    </>
  );
}

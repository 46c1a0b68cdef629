import { PageSection, Tab, TabTitleText, Tabs, Title } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { links } from '../../../app/routes';
import { GcTab } from './gc/GcTab';
import { PurgeTab } from './purge/PurgeTab';
import { ScrubTab } from './scrub/ScrubTab';

/** /admin/gc: garbage collection; /admin/log-rotation: the audit-log purge; /admin/scrub: Berth's blob scrub. Harbor's "Clean Up". */
export default function CleanupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const tab = location.pathname.startsWith(links.admin('log-rotation'))
    ? 'log-rotation'
    : location.pathname.startsWith(links.admin('scrub'))
      ? 'scrub'
      : 'gc';
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
          <Tab eventKey="scrub" title={<TabTitleText>{t('adminScrub.title')}</TabTitleText>} data-testid="cleanup-tab-scrub">
            <PageSection>
              <ScrubTab />
            </PageSection>
          </Tab>
        </Tabs>
      </PageSection>
    </>
  );
}

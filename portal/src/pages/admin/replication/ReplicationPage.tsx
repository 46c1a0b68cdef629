import { PageSection, Tab, TabTitleText, Tabs, Title } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { links } from '../../../app/routes';
import { ExecutionsTab } from './ExecutionsTab';
import { PoliciesTab } from './PoliciesTab';

/** /admin/replication: the policies; /admin/replication/executions: their executions (?policy_id=&status=). */
export default function ReplicationPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const tab = location.pathname.endsWith('/executions') ? 'executions' : 'policies';
  return (
    <>
      <PageSection>
        <Title headingLevel="h1">{t('adminReplication.title')}</Title>
      </PageSection>
      <PageSection type="tabs">
        <Tabs
          activeKey={tab}
          onSelect={(_e, key) => navigate(key === 'executions' ? links.admin('replication', 'executions') : links.admin('replication'))}
          aria-label={t('adminReplication.tabs')}
          mountOnEnter
          unmountOnExit
          usePageInsets
        >
          <Tab eventKey="policies" title={<TabTitleText>{t('adminReplication.policies')}</TabTitleText>} data-testid="replication-tab-policies">
            <PageSection>
              <PoliciesTab />
            </PageSection>
          </Tab>
          <Tab eventKey="executions" title={<TabTitleText>{t('adminReplication.executions')}</TabTitleText>} data-testid="replication-tab-executions">
            <PageSection>
              <ExecutionsTab />
            </PageSection>
          </Tab>
        </Tabs>
      </PageSection>
    </>
  );
}

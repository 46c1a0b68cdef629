import { EmptyState, EmptyStateBody, PageSection } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';

/** What a user who is not a system administrator sees at an administration address. */
export function Forbidden() {
  const { t } = useTranslation();
  return (
    <PageSection>
      <EmptyState titleText={t('forbidden.title')} headingLevel="h1">
        <EmptyStateBody>{t('forbidden.body')}</EmptyStateBody>
      </EmptyState>
    </PageSection>
  );
}

import { Button, EmptyState, EmptyStateActions, EmptyStateBody, EmptyStateFooter, PageSection } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { links } from './routes';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <PageSection>
      <EmptyState titleText={t('notFound.title')} headingLevel="h1">
        <EmptyStateBody>{t('notFound.body')}</EmptyStateBody>
        <EmptyStateFooter>
          <EmptyStateActions>
            <Button component={(props: object) => <Link {...props} to={links.projects()} />}>{t('notFound.toProjects')}</Button>
          </EmptyStateActions>
        </EmptyStateFooter>
      </EmptyState>
    </PageSection>
  );
}

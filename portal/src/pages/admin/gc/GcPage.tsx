import { useCallback, useEffect, useState } from 'react';
import { Card, CardBody, CardTitle, EmptyState, EmptyStateBody, Grid, GridItem, PageSection, Title } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { gc, isActive, type GcRun } from '../../../api/gc';
import type { PageOf } from '../../../api/paging';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { usePolling } from '../../../components/usePolling';
import { GcHistoryTable } from './GcHistoryTable';
import { GcRunForm } from './GcRunForm';
import { GcSchedulePanel } from './GcSchedulePanel';

const HISTORY = 20;

/** /admin/gc: run a garbage collection now (or a dry run), set its schedule, follow the runs (refreshed while one runs). */
export default function GcPage() {
  const { t } = useTranslation();
  const [history, setHistory] = useState<PageOf<GcRun> | null>(null);
  const [schedule, setSchedule] = useState<GcRun | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const [runs, current] = await Promise.all([gc.history({ page: 1, pageSize: HISTORY }), gc.schedule()]);
      setHistory(runs);
      setSchedule(current);
      setError(null);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  usePolling(!!history?.items.some(isActive), 2000, load);

  return (
    <PageSection>
      <Title headingLevel="h1" className="pf-v6-u-mb-md">
        {t('adminGc.title')}
      </Title>
      <ErrorAlert error={error} />
      <Grid hasGutter className="pf-v6-u-mb-lg">
        <GridItem md={6}>
          <Card isFullHeight>
            <CardTitle component="h2">{t('adminGc.runTitle')}</CardTitle>
            <CardBody>
              <GcRunForm onStarted={() => void load()} />
            </CardBody>
          </Card>
        </GridItem>
        <GridItem md={6}>
          <Card isFullHeight>
            <CardTitle component="h2">{t('adminGc.scheduleTitle')}</CardTitle>
            <CardBody>
              <GcSchedulePanel schedule={schedule} onSaved={() => void load()} />
            </CardBody>
          </Card>
        </GridItem>
      </Grid>
      <Title headingLevel="h2" className="pf-v6-u-mb-sm">
        {t('adminGc.history')}
      </Title>
      {history && history.items.length === 0 ? (
        <EmptyState titleText={t('adminGc.noRuns')} headingLevel="h3" variant="sm">
          <EmptyStateBody>{t('adminGc.noRunsBody')}</EmptyStateBody>
        </EmptyState>
      ) : (
        <GcHistoryTable runs={history?.items ?? []} loading={loading} onChanged={() => void load()} />
      )}
    </PageSection>
  );
}

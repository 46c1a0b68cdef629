import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Card, CardBody, CardTitle, EmptyState, EmptyStateBody, Grid, GridItem, Title } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { isActive, type JobRun, type ScheduledJobApi } from '../../../api/execHistory';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ListPagination } from '../../../components/ListControls';
import { usePagedList } from '../../../components/usePagedList';
import { usePolling } from '../../../components/usePolling';

/** What a tab's parts are given: the stored schedule, the page of runs, and a reload of both. */
export interface JobView {
  schedule: JobRun | null;
  runs: JobRun[];
  loading: boolean;
  reload: () => void;
}

/**
 * One tab of Clean up: "run now" and the schedule side by side, then the runs (paged, ?page= in the URL),
 * refreshed every 2 s while one is pending or running. The job's own forms and cells come as render props.
 */
export function ScheduledJobTab({
  job,
  runTitle,
  runForm,
  schedulePanel,
  history,
  emptyTitle,
  emptyBody,
}: {
  job: Pick<ScheduledJobApi<unknown>, 'history' | 'schedule'>;
  runTitle: string;
  runForm: (view: JobView) => ReactNode;
  schedulePanel: (view: JobView) => ReactNode;
  history: (view: JobView) => ReactNode;
  emptyTitle: string;
  emptyBody: string;
}) {
  const { t } = useTranslation();
  const [schedule, setSchedule] = useState<JobRun | null>(null);
  const [scheduleError, setScheduleError] = useState<unknown>(null);
  const list = usePagedList<JobRun>((page) => job.history(page), 'runs');
  const loadSchedule = useCallback(() => {
    job.schedule().then(
      (s) => {
        setSchedule(s);
        setScheduleError(null);
      },
      setScheduleError,
    );
  }, [job]);
  useEffect(loadSchedule, [loadSchedule]);
  const reload = () => {
    list.reload();
    loadSchedule();
  };
  usePolling(list.items.some(isActive), 2000, list.reload);

  const view: JobView = { schedule, runs: list.items, loading: list.loading, reload };
  const empty = !list.loading && !list.error && list.items.length === 0 && list.page === 1;
  return (
    <>
      <ErrorAlert error={list.error ?? scheduleError} />
      <Grid hasGutter className="pf-v6-u-mb-lg">
        <GridItem md={6}>
          <Card isFullHeight>
            <CardTitle component="h2">{runTitle}</CardTitle>
            <CardBody>{runForm(view)}</CardBody>
          </Card>
        </GridItem>
        <GridItem md={6}>
          <Card isFullHeight>
            <CardTitle component="h2">{t('cleanup.scheduleTitle')}</CardTitle>
            <CardBody>{schedulePanel(view)}</CardBody>
          </Card>
        </GridItem>
      </Grid>
      <Title headingLevel="h2" className="pf-v6-u-mb-sm">
        {t('cleanup.history')}
      </Title>
      {empty ? (
        <EmptyState titleText={emptyTitle} headingLevel="h3" variant="sm">
          <EmptyStateBody>{emptyBody}</EmptyStateBody>
        </EmptyState>
      ) : (
        <>
          {history(view)}
          <ListPagination list={list} />
        </>
      )}
    </>
  );
}

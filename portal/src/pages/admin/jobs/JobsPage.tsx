import { useCallback, useEffect, useState } from 'react';
import { Button, PageSection, Switch, Title, Toolbar, ToolbarContent, ToolbarItem } from '@patternfly/react-core';
import SyncIcon from '@patternfly/react-icons/dist/esm/icons/sync-alt-icon';
import { useTranslation } from 'react-i18next';
import { jobservice, type JobQueue, type Worker, type WorkerPool } from '../../../api/jobservice';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { usePolling } from '../../../components/usePolling';
import { REFRESH_MS } from './dashboard';
import { QueuesTable } from './QueuesTable';
import { PoolsTable, WorkersTable } from './WorkersTables';

interface Dashboard {
  queues: JobQueue[];
  pools: WorkerPool[];
  workers: Worker[];
  at: Date;
}

/** /admin/jobs: GET /jobservice/queues, /pools and /pools/all/workers, refreshed every 5 s while the switch is on. */
export default function JobsPage() {
  const { t, i18n } = useTranslation();
  const [data, setData] = useState<Dashboard | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [auto, setAuto] = useState(true);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const [queues, pools, workers] = await Promise.all([jobservice.queues(), jobservice.pools(), jobservice.workers()]);
      setData({ queues: queues ?? [], pools: pools ?? [], workers: workers ?? [], at: new Date() });
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
  usePolling(auto, REFRESH_MS, load);

  return (
    <PageSection>
      <Title headingLevel="h1" className="pf-v6-u-mb-md">
        {t('adminJobs.title')}
      </Title>
      <Toolbar>
        <ToolbarContent>
          <ToolbarItem>
            <Button variant="secondary" icon={<SyncIcon />} onClick={() => void load()} isDisabled={loading} data-testid="jobs-refresh">
              {t('adminJobs.refresh')}
            </Button>
          </ToolbarItem>
          <ToolbarItem alignSelf="center">
            <Switch id="jobs-auto-refresh" label={t('adminJobs.autoRefresh')} isChecked={auto} onChange={(_e, v) => setAuto(v)} />
          </ToolbarItem>
          {data && (
            <ToolbarItem alignSelf="center" className="pf-v6-u-color-200">
              {t('adminJobs.updatedAt', { time: data.at.toLocaleTimeString(i18n.language) })}
            </ToolbarItem>
          )}
        </ToolbarContent>
      </Toolbar>
      <ErrorAlert error={error} />
      <QueuesTable queues={data?.queues ?? []} loading={loading && !data} onChanged={load} />
      <PoolsTable pools={data?.pools ?? []} loading={loading && !data} />
      <WorkersTable workers={data?.workers ?? []} loading={loading && !data} />
    </PageSection>
  );
}

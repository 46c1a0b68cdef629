import { useState } from 'react';
import { Button, Flex, FlexItem, Form, Label, LabelGroup, TextInput, Title } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { jobservice, type Worker, type WorkerPool } from '../../../api/jobservice';
import { links } from '../../../app/routes';
import { LogDialog } from '../../../components/LogDialog';
import { formatTime } from '../../../lib/format';
import { jobTypesOf } from './dashboard';

/** The worker pools: one per jobservice process that has sent a heartbeat in the last minute. */
export function PoolsTable({ pools, loading }: { pools: WorkerPool[]; loading: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="pf-v6-u-mb-lg" aria-labelledby="jobs-pools-title">
      <Title headingLevel="h2" id="jobs-pools-title" className="pf-v6-u-mb-sm">
        {t('adminJobs.pools')}
      </Title>
      <Table aria-label={t('adminJobs.pools')} variant="compact" aria-busy={loading}>
        <Thead>
          <Tr>
            <Th>{t('adminJobs.poolId')}</Th>
            <Th>{t('adminJobs.host')}</Th>
            <Th>{t('adminJobs.pid')}</Th>
            <Th>{t('adminJobs.jobTypes')}</Th>
            <Th>{t('adminJobs.concurrency')}</Th>
            <Th visibility={['hidden', 'visibleOnMd']}>{t('adminJobs.startedAt')}</Th>
            <Th visibility={['hidden', 'visibleOnMd']}>{t('adminJobs.heartbeatAt')}</Th>
          </Tr>
        </Thead>
        <Tbody>
          {pools.length === 0 && !loading && (
            <Tr>
              <Td colSpan={7}>{t('adminJobs.noPools')}</Td>
            </Tr>
          )}
          {pools.map((p) => (
            <Tr key={p.worker_pool_id}>
              <Td dataLabel={t('adminJobs.poolId')} className="berth-break berth-mono">
                {p.worker_pool_id}
              </Td>
              <Td dataLabel={t('adminJobs.host')}>{p.host}</Td>
              <Td dataLabel={t('adminJobs.pid')}>{p.pid}</Td>
              <Td dataLabel={t('adminJobs.jobTypes')}>
                <LabelGroup numLabels={4} expandedText={t('common.showLess')} collapsedText={t('common.showMore', { count: jobTypesOf(p).length - 4 })}>
                  {jobTypesOf(p).map((k) => (
                    <Label key={k} isCompact>
                      {k}
                    </Label>
                  ))}
                </LabelGroup>
              </Td>
              <Td dataLabel={t('adminJobs.concurrency')}>{p.concurrency}</Td>
              <Td dataLabel={t('adminJobs.startedAt')} visibility={['hidden', 'visibleOnMd']}>
                {formatTime(p.start_at ?? undefined, i18n.language)}
              </Td>
              <Td dataLabel={t('adminJobs.heartbeatAt')} visibility={['hidden', 'visibleOnMd']}>
                {formatTime(p.heartbeat_at ?? undefined, i18n.language)}
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
    </section>
  );
}

/** The jobs running now (each busy worker of every pool: GET /jobservice/pools/all/workers), with their logs. */
export function WorkersTable({ workers, loading }: { workers: Worker[]; loading: boolean }) {
  const { t, i18n } = useTranslation();
  const [log, setLog] = useState<Pick<Worker, 'job_id'> | null>(null);
  return (
    <section aria-labelledby="jobs-workers-title">
      <Flex alignItems={{ default: 'alignItemsCenter' }} className="pf-v6-u-mb-sm">
        <FlexItem>
          <Title headingLevel="h2" id="jobs-workers-title">
            {t('adminJobs.runningJobs')}
          </Title>
        </FlexItem>
        <FlexItem align={{ default: 'alignRight' }}>
          <JobLogLookup onShow={(id) => setLog({ job_id: id })} />
        </FlexItem>
      </Flex>
      <Table aria-label={t('adminJobs.runningJobs')} variant="compact" aria-busy={loading}>
        <Thead>
          <Tr>
            <Th>{t('adminJobs.jobId')}</Th>
            <Th>{t('adminJobs.jobType')}</Th>
            <Th>{t('adminJobs.execution')}</Th>
            <Th>{t('adminJobs.worker')}</Th>
            <Th visibility={['hidden', 'visibleOnMd']}>{t('adminJobs.startedAt')}</Th>
            <Th visibility={['hidden', 'visibleOnMd']}>{t('adminJobs.checkinAt')}</Th>
            <Th screenReaderText={t('adminJobs.log')} />
          </Tr>
        </Thead>
        <Tbody>
          {workers.length === 0 && !loading && (
            <Tr>
              <Td colSpan={7}>{t('adminJobs.noRunningJobs')}</Td>
            </Tr>
          )}
          {workers.map((w) => (
            <Tr key={w.id}>
              <Td dataLabel={t('adminJobs.jobId')}>{w.job_id}</Td>
              <Td dataLabel={t('adminJobs.jobType')}>{w.job_name}</Td>
              <Td dataLabel={t('adminJobs.execution')}>
                {w.job_name === 'REPLICATION' ? <Link to={links.admin('replication', 'executions', w.execution_id)}>{w.execution_id}</Link> : w.execution_id}
              </Td>
              <Td dataLabel={t('adminJobs.worker')} className="berth-break berth-mono">
                {w.id}
              </Td>
              <Td dataLabel={t('adminJobs.startedAt')} visibility={['hidden', 'visibleOnMd']}>
                {formatTime(w.start_at ?? undefined, i18n.language)}
              </Td>
              <Td dataLabel={t('adminJobs.checkinAt')} visibility={['hidden', 'visibleOnMd']}>
                {formatTime(w.checkin_at ?? undefined, i18n.language)}
              </Td>
              <Td isActionCell>
                <Button variant="link" isInline aria-label={t('adminJobs.logOf', { id: w.job_id })} onClick={() => setLog(w)}>
                  {t('adminJobs.log')}
                </Button>
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
      {log && <LogDialog title={t('adminJobs.logOf', { id: log.job_id })} load={() => jobservice.jobLog(log.job_id)} onClose={() => setLog(null)} />}
    </section>
  );
}

/** Any job's log by its id (GET /jobservice/jobs/{job_id}/log): a replication task's id is its job id. */
function JobLogLookup({ onShow }: { onShow: (id: string) => void }) {
  const { t } = useTranslation();
  const [id, setId] = useState('');
  const valid = /^\d{1,18}$/.test(id.trim());
  return (
    <Form
      isHorizontal
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) {
          onShow(id.trim());
        }
      }}
    >
      <Flex spaceItems={{ default: 'spaceItemsSm' }} flexWrap={{ default: 'nowrap' }}>
        <FlexItem>
          <TextInput
            id="jobs-log-id"
            value={id}
            onChange={(_e, v) => setId(v)}
            aria-label={t('adminJobs.jobIdToRead')}
            placeholder={t('adminJobs.jobId')}
            validated={id !== '' && !valid ? 'error' : 'default'}
            inputMode="numeric"
          />
        </FlexItem>
        <FlexItem>
          <Button type="submit" variant="secondary" isDisabled={!valid}>
            {t('adminJobs.showLog')}
          </Button>
        </FlexItem>
      </Flex>
    </Form>
  );
}

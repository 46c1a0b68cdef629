import { useState } from 'react';
import { Button, Label } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useTranslation } from 'react-i18next';
import { gc, isActive, parametersOf, type GcRun } from '../../../api/gc';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { LogDialog } from '../../../components/LogDialog';
import { formatBytes, formatTime } from '../../../lib/format';
import { reportSummary } from './gcForm';

const STATUS_COLOR = { Pending: 'grey', Running: 'blue', Success: 'green', Error: 'red', Stopped: 'orange' } as const;

/** The runs, newest first: status, parameters, what each deleted and freed, its log, a stop for a running one. */
export function GcHistoryTable({ runs, loading, onChanged }: { runs: GcRun[]; loading: boolean; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const [log, setLog] = useState<number | null>(null);
  const [stopping, setStopping] = useState<number | null>(null);
  return (
    <>
      <Table aria-label={t('adminGc.history')} variant="compact" aria-busy={loading}>
        <Thead>
          <Tr>
            <Th>{t('adminGc.run')}</Th>
            <Th>{t('adminGc.status')}</Th>
            <Th visibility={['hidden', 'visibleOnMd']}>{t('adminGc.parameters')}</Th>
            <Th>{t('adminGc.result')}</Th>
            <Th visibility={['hidden', 'visibleOnMd']}>{t('adminGc.started')}</Th>
            <Th screenReaderText={t('common.actions')} />
          </Tr>
        </Thead>
        <Tbody>
          {runs.map((run) => {
            const p = parametersOf(run);
            const r = reportSummary(run.report);
            return (
              <Tr key={run.id} data-testid={`gc-run-${run.id}`}>
                <Td dataLabel={t('adminGc.run')}>
                  {run.id} · {t(run.job_kind === 'SCHEDULE' ? 'adminGc.scheduled' : 'adminGc.manual')}
                </Td>
                <Td dataLabel={t('adminGc.status')}>
                  <Label isCompact color={STATUS_COLOR[run.job_status] ?? 'grey'} data-testid="gc-status">
                    {t(`adminGc.statuses.${run.job_status}`)}
                  </Label>
                </Td>
                <Td dataLabel={t('adminGc.parameters')} visibility={['hidden', 'visibleOnMd']}>
                  {[p.dry_run ? t('adminGc.dryRunShort') : null, p.delete_untagged ? t('adminGc.untaggedShort') : null, t('adminGc.workersShort', { count: p.workers })]
                    .filter(Boolean)
                    .join(', ')}
                </Td>
                <Td dataLabel={t('adminGc.result')}>
                  {t(p.dry_run ? 'adminGc.wouldFree' : 'adminGc.freed', {
                    manifests: r.manifests,
                    blobs: r.blobs,
                    links: r.links,
                    size: formatBytes(r.bytes),
                  })}
                </Td>
                <Td dataLabel={t('adminGc.started')} visibility={['hidden', 'visibleOnMd']}>
                  {formatTime(run.creation_time, i18n.language)}
                </Td>
                <Td isActionCell>
                  <Button variant="link" isInline onClick={() => setLog(run.id)} aria-label={t('adminGc.logOf', { id: run.id })}>
                    {t('adminGc.log')}
                  </Button>
                  {isActive(run) && (
                    <>
                      {' '}
                      <Button variant="secondary" size="sm" isDanger onClick={() => setStopping(run.id)} aria-label={t('adminGc.stopRun', { id: run.id })}>
                        {t('adminGc.stop')}
                      </Button>
                    </>
                  )}
                </Td>
              </Tr>
            );
          })}
        </Tbody>
      </Table>
      {log !== null && <LogDialog title={t('adminGc.logTitle', { id: log })} load={() => gc.log(log)} onClose={() => setLog(null)} />}
      {stopping !== null && (
        <ConfirmDialog
          title={t('adminGc.stopTitle')}
          confirmLabel={t('adminGc.stop')}
          onConfirm={async () => {
            await gc.stop(stopping);
            onChanged();
          }}
          onClose={() => setStopping(null)}
        >
          {t('adminGc.stopBody', { id: stopping })}
        </ConfirmDialog>
      )}
    </>
  );
}

import { useTranslation } from 'react-i18next';
import { gc, parametersOf, type GcRun } from '../../../../api/gc';
import { formatBytes } from '../../../../lib/format';
import { RunHistoryTable } from '../RunHistoryTable';
import { reportSummary } from './gcForm';

/** The collections, newest first: parameters, what each deleted and freed (or would), its log, a stop. */
export function GcHistoryTable({ runs, loading, onChanged }: { runs: GcRun[]; loading: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  return (
    <RunHistoryTable
      id="gc"
      job={gc}
      runs={runs}
      loading={loading}
      onChanged={onChanged}
      parameters={(run) => {
        const p = parametersOf(run);
        return [p.dry_run ? t('cleanup.dryRunShort') : null, p.delete_untagged ? t('adminGc.untaggedShort') : null, t('adminGc.workersShort', { count: p.workers })]
          .filter(Boolean)
          .join(', ');
      }}
      result={(run) => {
        const r = reportSummary(run.report);
        return t(parametersOf(run).dry_run ? 'adminGc.wouldFree' : 'adminGc.freed', {
          manifests: r.manifests,
          blobs: r.blobs,
          links: r.links,
          size: formatBytes(r.bytes),
        });
      }}
      logTitle={(id) => t('adminGc.logTitle', { id })}
      stopTitle={t('adminGc.stopTitle')}
      stopBody={(id) => t('adminGc.stopBody', { id })}
    />
  );
}

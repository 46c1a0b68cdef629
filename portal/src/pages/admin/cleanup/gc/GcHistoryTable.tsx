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
        return [p.dry_run ? t('cleanup.dryRunShort') : null, p.delete_untagged ? t('adminGc.untaggedShort') : null, p.sweep_orphans ? t('adminGc.sweepShort') : null, t('adminGc.workersShort', { count: p.workers })]
          .filter(Boolean)
          .join(', ');
      }}
      result={(run) => {
        const r = reportSummary(run.report);
        const dryRun = parametersOf(run).dry_run;
        const main = t(dryRun ? 'adminGc.wouldFree' : 'adminGc.freed', {
          manifests: r.manifests,
          blobs: r.blobs,
          links: r.links,
          size: formatBytes(r.bytes),
        });
        if (r.orphans === undefined && r.orphanBytes === undefined) return main;
        const orphans = t(dryRun ? 'adminGc.orphansWould' : 'adminGc.orphans', { count: r.orphans ?? 0, size: formatBytes(r.orphanBytes ?? 0) });
        return `${main}; ${orphans}`;
      }}
      logTitle={(id) => t('adminGc.logTitle', { id })}
      stopTitle={t('adminGc.stopTitle')}
      stopBody={(id) => t('adminGc.stopBody', { id })}
    />
  );
}

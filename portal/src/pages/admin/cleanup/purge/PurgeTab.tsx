import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobRun } from '../../../../api/execHistory';
import { purgeAudit, purgeParametersOf } from '../../../../api/purgeAudit';
import { RunHistoryTable } from '../RunHistoryTable';
import { RunNowForm } from '../RunNowForm';
import { cronToSend } from '../schedule';
import { SchedulePanel } from '../SchedulePanel';
import { ScheduledJobTab } from '../ScheduledJobTab';
import { PurgeFields } from './PurgeFields';
import { purgeForm, purgeParameters, purgeProblem, reportPairs, type PurgeForm } from './purgeForm';

/** Clean up › Log rotation: purge old audit-log records now (or a dry run), set the schedule, follow the runs. */
export function PurgeTab() {
  const { t } = useTranslation();
  return (
    <ScheduledJobTab
      job={purgeAudit}
      runTitle={t('adminPurge.runTitle')}
      runForm={(view) => <PurgeRunForm onStarted={view.reload} />}
      schedulePanel={(view) => <PurgeSchedulePanel schedule={view.schedule} onSaved={view.reload} />}
      history={(view) => (
        <RunHistoryTable
          id="purge"
          job={purgeAudit}
          runs={view.runs}
          loading={view.loading}
          onChanged={view.reload}
          parameters={(run) => <PurgeParametersText run={run} />}
          result={(run) => {
            const pairs = reportPairs(run.report);
            return pairs ? pairs.map(([k, v]) => `${k}: ${v}`).join(', ') : t('adminPurge.seeLog');
          }}
          logTitle={(id) => t('adminPurge.logTitle', { id })}
          stopTitle={t('adminPurge.stopTitle')}
          stopBody={(id) => t('adminPurge.stopBody', { id })}
        />
      )}
      emptyTitle={t('adminPurge.noRuns')}
      emptyBody={t('adminPurge.noRunsBody')}
    />
  );
}

function PurgeParametersText({ run }: { run: JobRun }) {
  const { t } = useTranslation();
  const p = purgeParametersOf(run);
  const keep = p.retentionHours % 24 === 0 ? t('adminPurge.olderThanDays', { count: p.retentionHours / 24 }) : t('adminPurge.olderThanHours', { count: p.retentionHours });
  const operations = p.operations.map((o) => t(`adminAuditLogs.operations.${o.replace(/ /g, '_')}`, { defaultValue: o })).join(', ');
  return <>{[p.dryRun ? t('cleanup.dryRunShort') : null, keep, operations].filter(Boolean).join('; ')}</>;
}

function PurgeRunForm({ onStarted }: { onStarted: () => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState<PurgeForm>(purgeForm(null));
  return (
    <RunNowForm
      id="purge"
      runLabel={t('adminPurge.runNow')}
      problem={purgeProblem(form)}
      start={(dryRun) => purgeAudit.runNow(purgeParameters(form, dryRun))}
      onStarted={onStarted}
    >
      <PurgeFields id="purge-run" form={form} onChange={setForm} />
    </RunNowForm>
  );
}

function PurgeSchedulePanel({ schedule, onSaved }: { schedule: JobRun | null; onSaved: () => void }) {
  const [form, setForm] = useState<PurgeForm>(purgeForm(schedule));
  const [edits, setEdits] = useState(0);
  useEffect(() => setForm(purgeForm(schedule)), [schedule]);
  return (
    <SchedulePanel
      id="purge"
      schedule={schedule}
      parametersProblem={purgeProblem(form)}
      parametersKey={edits}
      save={(timing) => purgeAudit.setSchedule(timing.type, cronToSend(timing), purgeParameters(form, false))}
      onSaved={onSaved}
    >
      <PurgeFields
        id="purge-schedule"
        form={form}
        onChange={(changed) => {
          setForm(changed);
          setEdits((n) => n + 1);
        }}
      />
    </SchedulePanel>
  );
}

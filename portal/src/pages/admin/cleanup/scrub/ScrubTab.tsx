import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_RATE_LIMIT, scrub, scrubParametersOf, type ScrubRun } from '../../../../api/scrub';
import { formatBytes } from '../../../../lib/format';
import { RunHistoryTable } from '../RunHistoryTable';
import { RunNowForm } from '../RunNowForm';
import { cronToSend } from '../schedule';
import { SchedulePanel } from '../SchedulePanel';
import { ScheduledJobTab } from '../ScheduledJobTab';
import { rateLimitProblem, rateLimitText, scrubSummary } from './scrubForm';
import { ScrubRateInput } from './ScrubRateInput';

function ScrubRunForm({ onStarted }: { onStarted: () => void }) {
  const { t } = useTranslation();
  const [rate, setRate] = useState(String(DEFAULT_RATE_LIMIT));
  return (
    <RunNowForm
      id="scrub"
      runLabel={t('adminScrub.runNow')}
      problem={rateLimitProblem(rate)}
      dryRun={false}
      start={() => scrub.runNow({ rate_limit: Number(rate) })}
      onStarted={onStarted}
    >
      <ScrubRateInput id="scrub-run-rate" value={rate} onChange={setRate} />
    </RunNowForm>
  );
}

function ScrubSchedulePanel({ schedule, onSaved }: { schedule: ScrubRun | null; onSaved: () => void }) {
  const [rate, setRate] = useState(rateLimitText(schedule));
  const [edits, setEdits] = useState(0);
  useEffect(() => setRate(rateLimitText(schedule)), [schedule]);
  return (
    <SchedulePanel
      id="scrub"
      schedule={schedule}
      parametersProblem={rateLimitProblem(rate)}
      parametersKey={edits}
      save={(timing) => scrub.setSchedule(timing.type, cronToSend(timing), { rate_limit: Number(rate) })}
      onSaved={onSaved}
    >
      <ScrubRateInput
        id="scrub-schedule-rate"
        value={rate}
        onChange={(v) => {
          setRate(v);
          setEdits((n) => n + 1);
        }}
      />
    </SchedulePanel>
  );
}

/** The scrubs, newest first: rate, blobs and bytes checked, blobs quarantined, its log, a stop. */
export function ScrubHistoryTable({ runs, loading, onChanged }: { runs: ScrubRun[]; loading: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  return (
    <RunHistoryTable
      id="scrub"
      job={scrub}
      runs={runs}
      loading={loading}
      onChanged={onChanged}
      parameters={(run) => t('adminScrub.rateShort', { rate: scrubParametersOf(run).rate_limit })}
      result={(run) => {
        const r = scrubSummary(run.report);
        const main = t('adminScrub.checked', { blobs: r.blobs, size: formatBytes(r.bytes), quarantined: r.quarantined });
        const extra = [r.busy ? t('adminScrub.busy', { count: r.busy }) : null, r.failures ? t('adminScrub.failures', { count: r.failures }) : null].filter(Boolean);
        return [main, ...extra].join('; ');
      }}
      logTitle={(id) => t('adminScrub.logTitle', { id })}
      stopTitle={t('adminScrub.stopTitle')}
      stopBody={(id) => t('adminScrub.stopBody', { id })}
    />
  );
}

/** Clean up › Scrub: re-read the stored blobs now or on a schedule, quarantine the bad ones (docs/scrub.md). */
export function ScrubTab() {
  const { t } = useTranslation();
  return (
    <ScheduledJobTab
      job={scrub}
      runTitle={t('adminScrub.runTitle')}
      runForm={(view) => <ScrubRunForm onStarted={view.reload} />}
      schedulePanel={(view) => <ScrubSchedulePanel schedule={view.schedule} onSaved={view.reload} />}
      history={(view) => <ScrubHistoryTable runs={view.runs} loading={view.loading} onChanged={view.reload} />}
      emptyTitle={t('adminScrub.noRuns')}
      emptyBody={t('adminScrub.noRunsBody')}
    />
  );
}

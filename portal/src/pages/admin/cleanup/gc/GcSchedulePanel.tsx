import { useEffect, useState } from 'react';
import { Checkbox, FormGroup } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { gc, type GcRun } from '../../../../api/gc';
import { cronToSend } from '../schedule';
import { SchedulePanel } from '../SchedulePanel';
import { gcParametersForm, workersProblem, type GcParametersForm } from './gcForm';
import { WorkersInput } from './WorkersInput';

/** The collection's schedule, with each scheduled run's parameters. */
export function GcSchedulePanel({ schedule, onSaved }: { schedule: GcRun | null; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState<GcParametersForm>(gcParametersForm(schedule));
  const [edits, setEdits] = useState(0);
  useEffect(() => setForm(gcParametersForm(schedule)), [schedule]);
  const edit = (change: Partial<GcParametersForm>) => {
    setForm((f) => ({ ...f, ...change }));
    setEdits((n) => n + 1);
  };
  return (
    <SchedulePanel
      id="gc"
      schedule={schedule}
      parametersProblem={workersProblem(form.workers)}
      parametersKey={edits}
      save={(timing) => gc.setSchedule(timing.type, cronToSend(timing), {
          delete_untagged: form.deleteUntagged,
          workers: form.workers,
          ...(form.sweepOrphans ? { sweep_orphans: true } : {}),
        })}
      onSaved={onSaved}
    >
      <FormGroup role="group" label={t('cleanup.parameters')} fieldId="gc-schedule-untagged">
        <Checkbox
          id="gc-schedule-untagged"
          label={t('adminGc.deleteUntagged')}
          isChecked={form.deleteUntagged}
          onChange={(_e, v) => edit({ deleteUntagged: v })}
        />
        <Checkbox
          id="gc-schedule-sweep-orphans"
          label={t('adminGc.sweepOrphans')}
          description={t('adminGc.sweepOrphansHelp')}
          isChecked={form.sweepOrphans}
          onChange={(_e, v) => edit({ sweepOrphans: v })}
        />
      </FormGroup>
      <FormGroup label={t('adminGc.workers')} fieldId="gc-schedule-workers">
        <WorkersInput id="gc-schedule-workers" value={form.workers} onChange={(workers) => edit({ workers })} />
      </FormGroup>
    </SchedulePanel>
  );
}

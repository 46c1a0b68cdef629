import { useState } from 'react';
import { Checkbox, FormGroup, TextInput } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { gc } from '../../../../api/gc';
import { FieldHelp } from '../../../../components/FieldHelp';
import { RunNowForm } from '../RunNowForm';
import { runParameters, sweepWarning, timeWindowProblem, type GcRunForm as Form } from './gcForm';
import { WorkersInput } from './WorkersInput';

/** Starts a collection now, or a dry run that only says what would be freed. */
export function GcRunForm({ onStarted }: { onStarted: () => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState<Form>({ deleteUntagged: false, workers: 1, sweepOrphans: false, timeWindow: '' });
  const edit = (change: Partial<Form>) => setForm((f) => ({ ...f, ...change }));
  const windowProblem = timeWindowProblem(form.timeWindow);
  const warning = sweepWarning(form);
  return (
    <RunNowForm
      id="gc"
      runLabel={t('adminGc.runNow')}
      problem={windowProblem}
      start={(dryRun) => gc.runNow(runParameters(form, dryRun))}
      onStarted={onStarted}
    >
      <FormGroup role="group" label={t('cleanup.parameters')} fieldId="gc-run-untagged">
        <Checkbox
          id="gc-run-untagged"
          label={t('adminGc.deleteUntagged')}
          description={t('adminGc.deleteUntaggedHelp')}
          isChecked={form.deleteUntagged}
          onChange={(_e, v) => edit({ deleteUntagged: v })}
        />
        <Checkbox
          id="gc-run-sweep-orphans"
          label={t('adminGc.sweepOrphans')}
          description={t('adminGc.sweepOrphansHelp')}
          isChecked={form.sweepOrphans}
          onChange={(_e, v) => edit({ sweepOrphans: v })}
          data-testid="gc-run-sweep-orphans"
        />
      </FormGroup>
      <FormGroup label={t('adminGc.workers')} fieldId="gc-run-workers">
        <WorkersInput id="gc-run-workers" value={form.workers} onChange={(workers) => edit({ workers })} />
      </FormGroup>
      <FormGroup label={t('adminGc.timeWindow')} fieldId="gc-run-time-window">
        <TextInput
          id="gc-run-time-window"
          type="number"
          value={form.timeWindow}
          onChange={(_e, v) => edit({ timeWindow: v })}
          validated={windowProblem ? 'error' : warning ? 'warning' : 'default'}
          aria-describedby="gc-run-time-window-help"
          data-testid="gc-run-time-window"
        />
        <FieldHelp id="gc-run-time-window-help" problem={windowProblem} hint={warning ?? 'adminGc.timeWindowHint'} />
      </FormGroup>
    </RunNowForm>
  );
}

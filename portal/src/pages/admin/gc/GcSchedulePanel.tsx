import { useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Form, FormGroup, FormSelect, FormSelectOption, NumberInput, TextInput } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { gc, type GcRun } from '../../../api/gc';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { FieldHelp } from '../../../components/FieldHelp';
import { useSubmit } from '../../../components/useSubmit';
import { formatTime } from '../../../lib/format';
import { MAX_WORKERS, SCHEDULE_TYPES, scheduleForm, scheduleProblem, type ScheduleForm } from './gcForm';

/** The schedule: None, Hourly, Daily, Weekly or a Custom six-field cron, with each run's parameters. */
export function GcSchedulePanel({ schedule, onSaved }: { schedule: GcRun | null; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const [form, setForm] = useState<ScheduleForm>(scheduleForm(schedule));
  const [saved, setSaved] = useState(false);
  const submit = useSubmit({ stayOpen: true });
  useEffect(() => setForm(scheduleForm(schedule)), [schedule]);
  const problem = scheduleProblem(form);
  const change = (c: Partial<ScheduleForm>) => {
    setForm((f) => ({ ...f, ...c }));
    setSaved(false);
  };
  const save = () =>
    submit.run(
      async () => {
        await gc.setSchedule(form.type, form.type === 'Custom' ? form.cron.trim() : null, {
          delete_untagged: form.deleteUntagged,
          workers: form.workers,
        });
      },
      () => {
        setSaved(true);
        onSaved();
      },
    );
  const next = schedule?.schedule?.next_scheduled_time;
  return (
    <Form
      onSubmit={(e) => {
        e.preventDefault();
        if (!problem) {
          void save();
        }
      }}
    >
      <ErrorAlert error={submit.error} />
      {saved && <Alert variant="success" isInline isPlain title={t('adminGc.scheduleSaved')} />}
      <FormGroup label={t('adminGc.scheduleType')} fieldId="gc-schedule-type">
        <FormSelect id="gc-schedule-type" value={form.type} onChange={(_e, v) => change({ type: v as ScheduleForm['type'] })}>
          {SCHEDULE_TYPES.map((type) => (
            <FormSelectOption key={type} value={type} label={t(`adminGc.types.${type}`)} />
          ))}
        </FormSelect>
        {next && form.type === schedule?.schedule?.type && (
          <FieldHelp id="gc-schedule-next" hint="adminGc.next" hintValues={{ time: formatTime(next, i18n.language) }} />
        )}
      </FormGroup>
      {form.type === 'Custom' && (
        <FormGroup label={t('adminGc.cron')} isRequired fieldId="gc-schedule-cron">
          <TextInput
            id="gc-schedule-cron"
            value={form.cron}
            onChange={(_e, v) => change({ cron: v })}
            validated={problem === 'adminGc.cronFields' && form.cron !== '' ? 'error' : 'default'}
            aria-describedby="gc-schedule-cron-help"
            className="berth-mono"
          />
          <FieldHelp id="gc-schedule-cron-help" problem={form.cron !== '' && problem === 'adminGc.cronFields' ? problem : null} hint="adminGc.cronHint" />
        </FormGroup>
      )}
      {form.type !== 'None' && (
        <>
          <FormGroup role="group" label={t('adminGc.parameters')} fieldId="gc-schedule-untagged">
            <Checkbox
              id="gc-schedule-untagged"
              label={t('adminGc.deleteUntagged')}
              isChecked={form.deleteUntagged}
              onChange={(_e, v) => change({ deleteUntagged: v })}
            />
          </FormGroup>
          <FormGroup label={t('adminGc.workers')} fieldId="gc-schedule-workers">
            <NumberInput
              id="gc-schedule-workers"
              inputName="gc-schedule-workers"
              inputAriaLabel={t('adminGc.workers')}
              minusBtnAriaLabel={t('adminGc.fewerWorkers')}
              plusBtnAriaLabel={t('adminGc.moreWorkers')}
              value={form.workers}
              min={1}
              max={MAX_WORKERS}
              onMinus={() => change({ workers: Math.max(1, form.workers - 1) })}
              onPlus={() => change({ workers: Math.min(MAX_WORKERS, form.workers + 1) })}
              onChange={(e) => change({ workers: Number((e.target as HTMLInputElement).value) || 1 })}
            />
          </FormGroup>
        </>
      )}
      <div>
        <Button type="submit" isDisabled={!!problem || submit.busy} isLoading={submit.busy} data-testid="gc-schedule-save">
          {t('adminGc.saveSchedule')}
        </Button>
      </div>
    </Form>
  );
}

import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Button, Form, FormGroup, FormSelect, FormSelectOption, TextInput } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import type { JobRun } from '../../../api/execHistory';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { FieldHelp } from '../../../components/FieldHelp';
import { useSubmit } from '../../../components/useSubmit';
import { formatTime } from '../../../lib/format';
import { SCHEDULE_TYPES, timingOf, timingProblem, type Timing } from './schedule';

/**
 * A scheduled job's schedule: None, Hourly, Daily, Weekly or a Custom six-field cron, then the job's own
 * parameter fields (children, shown unless None; their state is the caller's). `save` sends both.
 */
export function SchedulePanel({
  id,
  schedule,
  parametersProblem,
  parametersKey,
  save,
  onSaved,
  children,
}: {
  /** Prefix of the fields' ids and test ids (gc, purge). */
  id: string;
  schedule: JobRun | null;
  /** The i18n key of what is wrong with the parameter fields, or null. */
  parametersProblem: string | null;
  /** Changes whenever the user edits a parameter field (hides "saved"); not when the schedule is read again. */
  parametersKey: number;
  save: (timing: Timing) => Promise<void>;
  onSaved: () => void;
  children: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const [timing, setTiming] = useState<Timing>(timingOf(schedule));
  const [saved, setSaved] = useState(false);
  const submit = useSubmit({ stayOpen: true });
  useEffect(() => setTiming(timingOf(schedule)), [schedule]);
  useEffect(() => setSaved(false), [parametersKey]);
  const cronProblem = timingProblem(timing);
  const problem = cronProblem ?? (timing.type === 'None' ? null : parametersProblem);
  const change = (c: Partial<Timing>) => {
    setTiming((f) => ({ ...f, ...c }));
    setSaved(false);
  };
  const next = schedule?.schedule?.next_scheduled_time;
  return (
    <Form
      onSubmit={(e) => {
        e.preventDefault();
        if (!problem && !submit.busy) {
          void submit.run(
            () => save(timing),
            () => {
              setSaved(true);
              onSaved();
            },
          );
        }
      }}
    >
      <ErrorAlert error={submit.error} />
      {saved && <Alert variant="success" isInline isPlain title={t('cleanup.scheduleSaved')} />}
      <FormGroup label={t('cleanup.scheduleType')} fieldId={`${id}-schedule-type`}>
        <FormSelect id={`${id}-schedule-type`} value={timing.type} onChange={(_e, v) => change({ type: v as Timing['type'] })}>
          {SCHEDULE_TYPES.map((type) => (
            <FormSelectOption key={type} value={type} label={t(`cleanup.types.${type}`)} />
          ))}
        </FormSelect>
        {next && timing.type === schedule?.schedule?.type && (
          <FieldHelp id={`${id}-schedule-next`} hint="cleanup.next" hintValues={{ time: formatTime(next, i18n.language) }} />
        )}
      </FormGroup>
      {timing.type === 'Custom' && (
        <FormGroup label={t('cleanup.cron')} isRequired fieldId={`${id}-schedule-cron`}>
          <TextInput
            id={`${id}-schedule-cron`}
            value={timing.cron}
            onChange={(_e, v) => change({ cron: v })}
            validated={cronProblem && timing.cron !== '' ? 'error' : 'default'}
            aria-describedby={`${id}-schedule-cron-help`}
            className="berth-mono"
          />
          <FieldHelp id={`${id}-schedule-cron-help`} problem={timing.cron !== '' ? cronProblem : null} hint="cleanup.cronHint" />
        </FormGroup>
      )}
      {timing.type !== 'None' && children}
      <div>
        <Button type="submit" isDisabled={!!problem || submit.busy} isLoading={submit.busy} data-testid={`${id}-schedule-save`}>
          {t('cleanup.saveSchedule')}
        </Button>
      </div>
    </Form>
  );
}

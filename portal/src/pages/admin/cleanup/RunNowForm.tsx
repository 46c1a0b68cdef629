import { useState, type ReactNode } from 'react';
import { Alert, Button, Form } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useSubmit } from '../../../components/useSubmit';

/**
 * Starts a job now, or a dry run that only says what it would do: the job's parameter fields (children), then
 * the two buttons (`${id}-run-now`, `${id}-dry-run`), disabled while `problem` (an i18n key the fields show) is set.
 */
export function RunNowForm({
  id,
  runLabel,
  problem,
  start,
  onStarted,
  children,
  dryRun = true,
}: {
  id: string;
  runLabel: string;
  problem: string | null;
  start: (dryRun: boolean) => Promise<void>;
  onStarted: () => void;
  children: ReactNode;
  /** Whether the job has a dry run (a second button); the scrub has none. */
  dryRun?: boolean;
}) {
  const { t } = useTranslation();
  const [started, setStarted] = useState(false);
  const submit = useSubmit({ stayOpen: true });
  const run = (dryRun: boolean) =>
    submit.run(
      () => start(dryRun),
      () => {
        setStarted(true);
        onStarted();
      },
    );
  return (
    <Form onSubmit={(e) => e.preventDefault()}>
      <ErrorAlert error={submit.error} />
      {started && <Alert variant="info" isInline isPlain title={t('cleanup.started')} />}
      {children}
      <div>
        <Button onClick={() => run(false)} isLoading={submit.busy} isDisabled={submit.busy || !!problem} data-testid={`${id}-run-now`}>
          {runLabel}
        </Button>{' '}
        {dryRun && (
          <Button variant="secondary" onClick={() => run(true)} isDisabled={submit.busy || !!problem} data-testid={`${id}-dry-run`}>
            {t('cleanup.dryRun')}
          </Button>
        )}
      </div>
    </Form>
  );
}

import { useState } from 'react';
import { Alert, Button, Checkbox, Form, FormGroup, NumberInput } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { gc } from '../../../api/gc';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useSubmit } from '../../../components/useSubmit';
import { MAX_WORKERS } from './gcForm';

/** Starts a collection now, or a dry run that only says what would be freed. */
export function GcRunForm({ onStarted }: { onStarted: () => void }) {
  const { t } = useTranslation();
  const [deleteUntagged, setDeleteUntagged] = useState(false);
  const [workers, setWorkers] = useState(1);
  const [started, setStarted] = useState(false);
  const submit = useSubmit({ stayOpen: true });
  const run = (dryRun: boolean) =>
    submit.run(
      async () => {
        await gc.runNow({ delete_untagged: deleteUntagged, workers, dry_run: dryRun });
      },
      () => {
        setStarted(true);
        onStarted();
      },
    );
  return (
    <Form onSubmit={(e) => e.preventDefault()}>
      <ErrorAlert error={submit.error} />
      {started && <Alert variant="info" isInline isPlain title={t('adminGc.started')} />}
      <FormGroup role="group" label={t('adminGc.parameters')} fieldId="gc-run-untagged">
        <Checkbox
          id="gc-run-untagged"
          label={t('adminGc.deleteUntagged')}
          description={t('adminGc.deleteUntaggedHelp')}
          isChecked={deleteUntagged}
          onChange={(_e, v) => setDeleteUntagged(v)}
        />
      </FormGroup>
      <FormGroup label={t('adminGc.workers')} fieldId="gc-run-workers">
        <NumberInput
          id="gc-run-workers"
          inputName="gc-run-workers"
          inputAriaLabel={t('adminGc.workers')}
          minusBtnAriaLabel={t('adminGc.fewerWorkers')}
          plusBtnAriaLabel={t('adminGc.moreWorkers')}
          value={workers}
          min={1}
          max={MAX_WORKERS}
          onMinus={() => setWorkers((w) => Math.max(1, w - 1))}
          onPlus={() => setWorkers((w) => Math.min(MAX_WORKERS, w + 1))}
          onChange={(e) => setWorkers(Math.min(MAX_WORKERS, Math.max(1, Number((e.target as HTMLInputElement).value) || 1)))}
        />
      </FormGroup>
      <div>
        <Button onClick={() => run(false)} isLoading={submit.busy} isDisabled={submit.busy} data-testid="gc-run-now">
          {t('adminGc.runNow')}
        </Button>{' '}
        <Button variant="secondary" onClick={() => run(true)} isDisabled={submit.busy} data-testid="gc-dry-run">
          {t('adminGc.dryRun')}
        </Button>
      </div>
    </Form>
  );
}

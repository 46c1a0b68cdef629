import { useState } from 'react';
import { Checkbox, FormGroup } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { gc } from '../../../../api/gc';
import { RunNowForm } from '../RunNowForm';
import { WorkersInput } from './WorkersInput';

/** Starts a collection now, or a dry run that only says what would be freed. */
export function GcRunForm({ onStarted }: { onStarted: () => void }) {
  const { t } = useTranslation();
  const [deleteUntagged, setDeleteUntagged] = useState(false);
  const [workers, setWorkers] = useState(1);
  return (
    <RunNowForm
      id="gc"
      runLabel={t('adminGc.runNow')}
      problem={null}
      start={(dryRun) => gc.runNow({ delete_untagged: deleteUntagged, workers, dry_run: dryRun })}
      onStarted={onStarted}
    >
      <FormGroup role="group" label={t('cleanup.parameters')} fieldId="gc-run-untagged">
        <Checkbox
          id="gc-run-untagged"
          label={t('adminGc.deleteUntagged')}
          description={t('adminGc.deleteUntaggedHelp')}
          isChecked={deleteUntagged}
          onChange={(_e, v) => setDeleteUntagged(v)}
        />
      </FormGroup>
      <FormGroup label={t('adminGc.workers')} fieldId="gc-run-workers">
        <WorkersInput id="gc-run-workers" value={workers} onChange={setWorkers} />
      </FormGroup>
    </RunNowForm>
  );
}

import { useTranslation } from 'react-i18next';
import { gc } from '../../../../api/gc';
import { ScheduledJobTab } from '../ScheduledJobTab';
import { GcHistoryTable } from './GcHistoryTable';
import { GcRunForm } from './GcRunForm';
import { GcSchedulePanel } from './GcSchedulePanel';

/** Clean up › Garbage collection: run one now (or a dry run), set its schedule, follow the runs. */
export function GcTab() {
  const { t } = useTranslation();
  return (
    <ScheduledJobTab
      job={gc}
      runTitle={t('adminGc.runTitle')}
      runForm={(view) => <GcRunForm onStarted={view.reload} />}
      schedulePanel={(view) => <GcSchedulePanel schedule={view.schedule} onSaved={view.reload} />}
      history={(view) => <GcHistoryTable runs={view.runs} loading={view.loading} onChanged={view.reload} />}
      emptyTitle={t('adminGc.noRuns')}
      emptyBody={t('adminGc.noRunsBody')}
    />
  );
}

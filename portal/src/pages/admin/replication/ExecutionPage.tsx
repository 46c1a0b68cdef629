import { useCallback, useEffect, useRef, useState } from 'react';
import {
  Breadcrumb,
  BreadcrumbItem,
  Bullseye,
  Button,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Flex,
  FlexItem,
  PageSection,
  Spinner,
  Title,
} from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../../api/errors';
import { executions, type Execution } from '../../../api/replication';
import { links } from '../../../app/routes';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { usePolling } from '../../../components/usePolling';
import { formatBytes, formatTime } from '../../../lib/format';
import { ExecutionProgress, StatusLabel } from './ExecutionStatus';
import { POLL_MS, StopDialog } from './ExecutionsTab';
import { isRunning, triggerKey } from './progress';
import { TasksTable } from './TasksTable';
import { usePolicyNames } from './usePolicyNames';

/** /admin/replication/executions/:id: GET …/executions/{id} and its tasks, polled every 2 s while it runs; stop it. */
export default function ExecutionPage() {
  const { t, i18n } = useTranslation();
  const id = Number(useParams().id);
  const [execution, setExecution] = useState<Execution | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tasksVersion, setTasksVersion] = useState(0);
  const [stopping, setStopping] = useState(false);
  const names = usePolicyNames(execution ? [execution.policy_id] : []);
  const wasRunning = useRef(false);

  const load = useCallback(async () => {
    try {
      const e = await executions.get(id);
      setExecution(e);
      setError(null);
      // the tasks follow the execution: read again while it runs, and once more when it has ended
      if (isRunning(e.status) || wasRunning.current) {
        setTasksVersion((n) => n + 1);
      }
      wasRunning.current = isRunning(e.status);
    } catch (e) {
      setError(e);
    }
  }, [id]);

  useEffect(() => {
    setExecution(null);
    wasRunning.current = false;
    void load();
  }, [load]);
  const running = !!execution && isRunning(execution.status);
  usePolling(running, POLL_MS, load);

  const breadcrumb = (
    <Breadcrumb className="pf-v6-u-mb-sm">
      <BreadcrumbItem render={() => <Link to={links.admin('replication')}>{t('adminReplication.title')}</Link>} />
      <BreadcrumbItem render={() => <Link to={links.admin('replication', 'executions')}>{t('adminReplication.executions')}</Link>} />
      <BreadcrumbItem isActive>{t('adminReplication.executionTitle', { id })}</BreadcrumbItem>
    </Breadcrumb>
  );
  if (!Number.isInteger(id) || id <= 0 || (error && !execution)) {
    return (
      <PageSection>
        {breadcrumb}
        <ErrorAlert error={error instanceof ApiError && error.status === 404 ? new Error(t('adminReplication.executionNotFound', { id })) : error} />
      </PageSection>
    );
  }
  if (!execution) {
    return (
      <Bullseye>
        <Spinner aria-label={t('common.loading')} />
      </Bullseye>
    );
  }
  return (
    <>
      <PageSection>
        {breadcrumb}
        <Flex alignItems={{ default: 'alignItemsCenter' }} className="pf-v6-u-mb-md">
          <FlexItem>
            <Title headingLevel="h1">{t('adminReplication.executionTitle', { id })}</Title>
          </FlexItem>
          <FlexItem data-testid="execution-status">
            <StatusLabel status={execution.status} />
          </FlexItem>
          {running && (
            <FlexItem align={{ default: 'alignRight' }}>
              <Button variant="secondary" isDanger onClick={() => setStopping(true)}>
                {t('adminReplication.stop')}
              </Button>
            </FlexItem>
          )}
        </Flex>
        <ErrorAlert error={error} />
        <ExecutionProgress execution={execution} />
        <DescriptionList isCompact isHorizontal columnModifier={{ default: '2Col' }} className="pf-v6-u-mt-md">
          <DescriptionListGroup>
            <DescriptionListTerm>{t('adminReplication.policy')}</DescriptionListTerm>
            <DescriptionListDescription>
              <Link to={`${links.admin('replication', 'executions')}?policy_id=${execution.policy_id}`}>
                {names[execution.policy_id] ?? `#${execution.policy_id}`}
              </Link>
            </DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>{t('adminReplication.triggerLabel')}</DescriptionListTerm>
            <DescriptionListDescription>{t(triggerKey(execution.trigger))}</DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>{t('adminReplication.started')}</DescriptionListTerm>
            <DescriptionListDescription>{formatTime(execution.start_time ?? undefined, i18n.language)}</DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>{t('adminReplication.ended')}</DescriptionListTerm>
            <DescriptionListDescription>{formatTime(execution.end_time ?? undefined, i18n.language)}</DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>{t('adminReplication.bytes')}</DescriptionListTerm>
            <DescriptionListDescription>{formatBytes(execution.bytes ?? 0)}</DescriptionListDescription>
          </DescriptionListGroup>
          {execution.status_text && (
            <DescriptionListGroup>
              <DescriptionListTerm>{t('adminReplication.message')}</DescriptionListTerm>
              <DescriptionListDescription className="berth-break">{execution.status_text}</DescriptionListDescription>
            </DescriptionListGroup>
          )}
        </DescriptionList>
      </PageSection>
      <PageSection>
        <Title headingLevel="h2" className="pf-v6-u-mb-sm">
          {t('adminReplication.tasks')}
        </Title>
        <TasksTable executionId={id} version={tasksVersion} />
      </PageSection>
      {stopping && <StopDialog execution={execution} onStopped={load} onClose={() => setStopping(false)} />}
    </>
  );
}

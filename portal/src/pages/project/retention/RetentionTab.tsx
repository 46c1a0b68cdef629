import { useEffect, useState } from 'react';
import { Alert, Button, EmptyState, EmptyStateBody, Flex, FlexItem, FormGroup, FormSelect, FormSelectOption, Label, TextInput, Title } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useTranslation } from 'react-i18next';
import { retention, type RetentionMetadata, type RetentionPolicy, type RetentionRule } from '../../../api/retention';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ErrorAlert } from '../../../components/ErrorAlert';
import type { ProjectContext } from '../ProjectPage';
import { RetentionRuleDialog } from './RetentionRuleDialog';
import { RetentionRuns } from './RetentionRuns';
import { SCHEDULES, cronLooksValid, policyOf, scheduleOf } from './retentionForm';

/**
 * The project's tag retention policy (/retentions, named by the project's retention_id): its rules (kept if any rule
 * keeps it), its schedule, runs and dry runs now, and the runs' tasks and logs. Administrators manage it, maintainers read it.
 */
export default function RetentionTab({ project, may, reloadProject }: ProjectContext) {
  const { t } = useTranslation();
  const manage = may('manageRetention');
  const policyId = project.metadata?.retention_id ? Number(project.metadata.retention_id) : null;
  const [metadata, setMetadata] = useState<RetentionMetadata | null>(null);
  const [policy, setPolicy] = useState<RetentionPolicy | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ index: number | null } | null>(null);
  const [deleting, setDeleting] = useState<number | null>(null);
  const [schedule, setSchedule] = useState('none');
  const [cron, setCron] = useState('');
  const [runs, setRuns] = useState(0);
  useEffect(() => {
    retention.metadatas().then(setMetadata, setError);
  }, []);
  useEffect(() => {
    if (policyId === null) {
      setPolicy(null);
      return;
    }
    retention.get(policyId).then((p) => {
      setPolicy(p);
      const c = p.trigger?.settings?.cron ?? '';
      setCron(c);
      setSchedule(scheduleOf(c));
    }, setError);
  }, [policyId]);
  const rules = policy?.rules ?? [];
  const currentCron = policy?.trigger?.settings?.cron ?? '';

  /** Stores the policy with these rules and cron: created with the first rule, replaced afterwards. */
  const save = async (next: RetentionRule[], nextCron: string) => {
    setError(null);
    setNotice(null);
    const body = policyOf(project.project_id, next, nextCron);
    if (policyId === null) {
      await retention.create(body);
      reloadProject();
    } else {
      await retention.update(policyId, body);
      setPolicy(await retention.get(policyId));
    }
  };
  const describe = (rule: RetentionRule) => {
    const display = metadata?.templates.find((m) => m.rule_template === rule.template)?.display_text ?? rule.template;
    const n = rule.params?.[rule.template];
    return n === undefined ? display : display.replace('#', String(n));
  };
  const selector = (s: { decoration: string; pattern: string } | undefined) =>
    s ? `${t(s.decoration.toLowerCase().includes('exclude') ? 'immutable.excluding' : 'immutable.matching')} ${s.pattern}` : '';
  const run = async (dryRun: boolean) => {
    setError(null);
    setNotice(null);
    try {
      await retention.run(policyId!, dryRun);
      setNotice(t('cleanup.started'));
      setRuns((n) => n + 1);
    } catch (e) {
      setError(e);
    }
  };
  const saveSchedule = async () => {
    const next = schedule === 'none' ? '' : schedule === 'custom' ? cron : SCHEDULES[schedule];
    try {
      await save(rules, next);
      setNotice(t('cleanup.scheduleSaved'));
    } catch (e) {
      setError(e);
    }
  };
  const customInvalid = schedule === 'custom' && !cronLooksValid(cron);
  return (
    <>
      <ErrorAlert error={error} />
      {notice && <Alert variant="success" isInline isPlain title={notice} className="pf-v6-u-mb-sm" />}
      <Flex className="pf-v6-u-mb-sm">
        {manage && (
          <FlexItem>
            <Button onClick={() => setEditing({ index: null })} isDisabled={rules.length >= 15}>
              {t('retention.addRule')}
            </Button>
          </FlexItem>
        )}
        {manage && policyId !== null && (
          <>
            <FlexItem>
              <Button variant="secondary" onClick={() => void run(false)}>
                {t('retention.runNow')}
              </Button>
            </FlexItem>
            <FlexItem>
              <Button variant="secondary" onClick={() => void run(true)}>
                {t('cleanup.dryRun')}
              </Button>
            </FlexItem>
          </>
        )}
      </Flex>
      {rules.length === 0 ? (
        <EmptyState titleText={t('retention.emptyTitle')} headingLevel="h2">
          <EmptyStateBody>{t('retention.emptyBody')}</EmptyStateBody>
        </EmptyState>
      ) : (
        <Table aria-label={t('project.retention')} variant="compact">
          <Thead>
            <Tr>
              <Th>{t('retention.template')}</Th>
              <Th>{t('immutable.repositories')}</Th>
              <Th>{t('immutable.tags')}</Th>
              <Th>{t('immutable.kind')}</Th>
              <Th screenReaderText={t('common.actions')} />
            </Tr>
          </Thead>
          <Tbody>
            {rules.map((rule, index) => {
              const tag = rule.tag_selectors?.[0];
              const untagged = !!tag?.extras && tag.extras.includes('"untagged":true');
              return (
                <Tr key={index}>
                  <Td dataLabel={t('retention.template')}>{t('retention.retain', { what: describe(rule) })}</Td>
                  <Td dataLabel={t('immutable.repositories')} className="berth-mono berth-break">
                    {selector(rule.scope_selectors?.repository?.[0])}
                  </Td>
                  <Td dataLabel={t('immutable.tags')} className="berth-mono berth-break">
                    {selector(tag)}
                    {untagged && <span className="pf-v6-u-ml-xs">{t('retention.withUntagged')}</span>}
                  </Td>
                  <Td dataLabel={t('immutable.kind')}>
                    <Label isCompact>{t(tag?.kind === 'regex' ? 'immutable.regex' : 'immutable.glob')}</Label>
                  </Td>
                  <Td isActionCell>
                    {manage && (
                      <>
                        <Button variant="link" size="sm" onClick={() => setEditing({ index })} aria-label={t('retention.editRuleOf', { index: index + 1 })}>
                          {t('retention.edit')}
                        </Button>
                        <Button variant="link" isDanger size="sm" onClick={() => setDeleting(index)} isDisabled={rules.length === 1}
                          aria-label={t('retention.deleteRuleOf', { index: index + 1 })}>
                          {t('common.delete')}
                        </Button>
                      </>
                    )}
                  </Td>
                </Tr>
              );
            })}
          </Tbody>
        </Table>
      )}
      {policyId !== null && (
        <>
          <Title headingLevel="h2" className="pf-v6-u-mt-lg">
            {t('cleanup.scheduleTitle')}
          </Title>
          <Flex alignItems={{ default: 'alignItemsFlexEnd' }}>
            <FlexItem>
              <FormGroup label={t('cleanup.scheduleType')} fieldId="retention-schedule">
                <FormSelect id="retention-schedule" value={schedule} isDisabled={!manage} onChange={(_e, v) => setSchedule(v)}>
                  <FormSelectOption value="none" label={t('cleanup.types.None')} />
                  <FormSelectOption value="hourly" label={t('cleanup.types.Hourly')} />
                  <FormSelectOption value="daily" label={t('cleanup.types.Daily')} />
                  <FormSelectOption value="weekly" label={t('cleanup.types.Weekly')} />
                  <FormSelectOption value="custom" label={t('cleanup.types.Custom')} />
                </FormSelect>
              </FormGroup>
            </FlexItem>
            {schedule === 'custom' && (
              <FlexItem>
                <FormGroup label={t('cleanup.cron')} fieldId="retention-cron">
                  <TextInput id="retention-cron" className="berth-mono" value={cron} isDisabled={!manage} onChange={(_e, v) => setCron(v)}
                    validated={customInvalid ? 'error' : 'default'} />
                </FormGroup>
              </FlexItem>
            )}
            {manage && (
              <FlexItem>
                <Button variant="secondary" onClick={() => void saveSchedule()} isDisabled={customInvalid}>
                  {t('cleanup.saveSchedule')}
                </Button>
              </FlexItem>
            )}
          </Flex>
          <p className="pf-v6-u-mt-xs pf-v6-u-color-200">{currentCron ? `${t('cleanup.cron')}: ${currentCron}` : t('cleanup.cronHint')}</p>
          <RetentionRuns policyId={policyId} manage={manage} reloads={runs} />
        </>
      )}
      {editing && (
        <RetentionRuleDialog
          metadata={metadata}
          rule={editing.index === null ? null : rules[editing.index]}
          onClose={() => setEditing(null)}
          onSave={(rule) => save(editing.index === null ? [...rules, rule] : rules.map((r, i) => (i === editing.index ? rule : r)), currentCron)}
        />
      )}
      {deleting !== null && (
        <ConfirmDialog
          title={t('retention.deleteTitle')}
          confirmLabel={t('common.delete')}
          onConfirm={() => save(rules.filter((_r, i) => i !== deleting), currentCron)}
          onClose={() => setDeleting(null)}
        >
          {t('retention.deleteBody')}
        </ConfirmDialog>
      )}
    </>
  );
}

import { useState } from 'react';
import { Button, EmptyState, EmptyStateBody, Label, Switch, ToolbarItem } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useTranslation } from 'react-i18next';
import { immutableRules, type ImmutableRule, type ImmutableSelector } from '../../api/immutable';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListPagination, ListToolbar } from '../../components/ListControls';
import { usePagedList } from '../../components/usePagedList';
import { ImmutableRuleDialog } from './ImmutableRuleDialog';
import type { ProjectContext } from './ProjectPage';

/** GET /api/v2.0/projects/{id}/immutabletagrules: tags that can be neither moved to another image nor deleted. */
export function ImmutabilityTab({ project, may }: ProjectContext) {
  const { t } = useTranslation();
  const list = usePagedList<ImmutableRule>((page) => immutableRules.list(project.project_id, page), `immutable:${project.project_id}`);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<ImmutableRule | null>(null);
  const [error, setError] = useState<unknown>(null);
  const manage = may('manageImmutableRules');
  const describe = (s: ImmutableSelector | undefined) =>
    s ? `${t(s.decoration.toLowerCase().includes('exclude') ? 'immutable.excluding' : 'immutable.matching')} ${s.pattern}` : '';
  const toggle = async (rule: ImmutableRule, enabled: boolean) => {
    setError(null);
    try {
      await immutableRules.setDisabled(project.project_id, rule.id!, !enabled);
      list.reload();
    } catch (e) {
      setError(e);
    }
  };
  const empty = !list.loading && !list.error && list.items.length === 0;
  return (
    <>
      <ListToolbar
        list={list}
        actions={
          manage && (
            <ToolbarItem>
              <Button onClick={() => setCreating(true)}>{t('immutable.create')}</Button>
            </ToolbarItem>
          )
        }
      />
      <ErrorAlert error={list.error ?? error} />
      {empty ? (
        <EmptyState titleText={t('immutable.emptyTitle')} headingLevel="h2">
          <EmptyStateBody>{t('immutable.emptyBody')}</EmptyStateBody>
        </EmptyState>
      ) : (
        <Table aria-label={t('project.immutability')} variant="compact" aria-busy={list.loading}>
          <Thead>
            <Tr>
              <Th>{t('immutable.repositories')}</Th>
              <Th>{t('immutable.tags')}</Th>
              <Th>{t('immutable.kind')}</Th>
              <Th>{t('immutable.enabled')}</Th>
              <Th screenReaderText={t('common.actions')} />
            </Tr>
          </Thead>
          <Tbody>
            {list.items.map((rule) => {
              const repo = rule.scope_selectors?.repository?.[0];
              const tag = rule.tag_selectors?.[0];
              return (
                <Tr key={rule.id}>
                  <Td dataLabel={t('immutable.repositories')} className="berth-mono berth-break">
                    {describe(repo)}
                  </Td>
                  <Td dataLabel={t('immutable.tags')} className="berth-mono berth-break">
                    {describe(tag)}
                  </Td>
                  <Td dataLabel={t('immutable.kind')}>
                    <Label isCompact>{t(tag?.kind === 'regex' ? 'immutable.regex' : 'immutable.glob')}</Label>
                  </Td>
                  <Td dataLabel={t('immutable.enabled')}>
                    <Switch
                      id={`immutable-enabled-${rule.id}`}
                      aria-label={t('immutable.enabledOf', { id: rule.id })}
                      isChecked={!rule.disabled}
                      isDisabled={!manage}
                      onChange={(_e, v) => void toggle(rule, v)}
                    />
                  </Td>
                  <Td isActionCell>
                    {manage && (
                      <Button variant="secondary" isDanger size="sm" onClick={() => setDeleting(rule)} aria-label={t('immutable.deleteOf', { id: rule.id })}>
                        {t('common.delete')}
                      </Button>
                    )}
                  </Td>
                </Tr>
              );
            })}
          </Tbody>
        </Table>
      )}
      {!empty && <ListPagination list={list} />}
      {creating && <ImmutableRuleDialog projectId={project.project_id} onClose={() => setCreating(false)} onCreated={list.reload} />}
      {deleting && (
        <ConfirmDialog
          title={t('immutable.deleteTitle')}
          confirmLabel={t('common.delete')}
          onConfirm={async () => {
            await immutableRules.remove(project.project_id, deleting.id!);
            list.reload();
          }}
          onClose={() => setDeleting(null)}
        >
          {t('immutable.deleteBody')}
        </ConfirmDialog>
      )}
    </>
  );
}

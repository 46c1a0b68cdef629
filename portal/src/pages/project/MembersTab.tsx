import { useState } from 'react';
import { Button, Label, ToolbarItem } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useTranslation } from 'react-i18next';
import { members } from '../../api/berth';
import { ROLES, type Member } from '../../api/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListPagination, ListToolbar } from '../../components/ListControls';
import { usePagedList } from '../../components/usePagedList';
import { AddMemberDialog } from './AddMemberDialog';
import type { ProjectContext } from './ProjectPage';
import { RoleSelect } from './RoleSelect';

/** /api/v2.0/projects/{name}/members: list (entityname search), add a user by name or a user group, change role, remove. */
export function MembersTab({ project, may }: ProjectContext) {
  const { t } = useTranslation();
  const list = usePagedList<Member>((page, search) => members.list(project.name, page, search), `members:${project.name}`);
  const manage = may('manageMembers');
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<Member | null>(null);
  const [error, setError] = useState<unknown>(null);

  const changeRole = async (member: Member, roleId: number) => {
    setError(null);
    try {
      await members.changeRole(project.name, member.id, roleId);
    } catch (e) {
      setError(e);
    }
    list.reload();
  };

  return (
    <>
      <ListToolbar
        list={list}
        searchLabel={t('members.search')}
        actions={
          manage && (
            <ToolbarItem>
              <Button onClick={() => setAdding(true)}>{t('members.add')}</Button>
            </ToolbarItem>
          )
        }
      />
      <ErrorAlert error={list.error ?? error} />
      <Table aria-label={t('project.members')} variant="compact" aria-busy={list.loading}>
        <Thead>
          <Tr>
            <Th>{t('members.name')}</Th>
            <Th>{t('members.role')}</Th>
            {manage && <Th screenReaderText={t('common.actions')} />}
          </Tr>
        </Thead>
        <Tbody>
          {list.items.map((m) => (
            <Tr key={m.id}>
              <Td dataLabel={t('members.name')}>
                {m.entity_name}{' '}
                {m.entity_type === 'g' && (
                  <Label isCompact color="blue">
                    {t('members.group')}
                  </Label>
                )}
              </Td>
              <Td dataLabel={t('members.role')}>
                {manage ? (
                  <RoleSelect id={`member-role-${m.id}`} value={m.role_id} label={t('members.roleOf', { name: m.entity_name })} onChange={(role) => changeRole(m, role)} />
                ) : (
                  t(`roles.${ROLES.find((r) => r.id === m.role_id)?.key ?? 'guest'}`)
                )}
              </Td>
              {manage && (
                <Td isActionCell>
                  <Button variant="secondary" isDanger size="sm" aria-label={t('members.removeNamed', { name: m.entity_name })} onClick={() => setRemoving(m)}>
                    {t('members.remove')}
                  </Button>
                </Td>
              )}
            </Tr>
          ))}
        </Tbody>
      </Table>
      <ListPagination list={list} />
      {adding && <AddMemberDialog project={project.name} onClose={() => setAdding(false)} onAdded={list.reload} />}
      {removing && (
        <ConfirmDialog
          title={t('members.removeTitle')}
          confirmLabel={t('members.remove')}
          onConfirm={async () => {
            await members.remove(project.name, removing.id);
            list.reload();
          }}
          onClose={() => setRemoving(null)}
        >
          {t('members.removeBody', { name: removing.entity_name, project: project.name })}
        </ConfirmDialog>
      )}
    </>
  );
}

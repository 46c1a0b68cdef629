import { useState } from 'react';
import { Button, FormGroup, FormSelect, FormSelectOption, TextInput, ToolbarItem } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useTranslation } from 'react-i18next';
import { members } from '../../api/berth';
import { ROLES, type Member } from '../../api/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormDialog } from '../../components/FormDialog';
import { ListPagination, ListToolbar } from '../../components/ListControls';
import { usePagedList } from '../../components/usePagedList';
import { required } from '../../lib/validation';
import type { ProjectContext } from './ProjectPage';

function RoleSelect({ id, value, onChange, label, isDisabled }: { id: string; value: number; onChange: (role: number) => void; label: string; isDisabled?: boolean }) {
  const { t } = useTranslation();
  return (
    <FormSelect id={id} value={String(value)} onChange={(_e, v) => onChange(Number(v))} aria-label={label} isDisabled={isDisabled}>
      {ROLES.map((r) => (
        <FormSelectOption key={r.id} value={String(r.id)} label={t(`roles.${r.key}`)} />
      ))}
    </FormSelect>
  );
}

/** /api/v2.0/projects/{name}/members: list (entityname search), add by user name, change role, remove. */
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
              <Td dataLabel={t('members.name')}>{m.entity_name}</Td>
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

function AddMemberDialog({ project, onClose, onAdded }: { project: string; onClose: () => void; onAdded: () => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [role, setRole] = useState(2);
  return (
    <FormDialog
      title={t('members.addTitle')}
      titleId="add-member-title"
      formId="add-member-form"
      submitLabel={t('members.add')}
      canSubmit={required(username) === null}
      onSubmit={async () => {
        await members.add(project, username.trim(), role);
        onAdded();
      }}
      onClose={onClose}
    >
      <FormGroup label={t('members.username')} isRequired fieldId="member-username">
        <TextInput id="member-username" value={username} onChange={(_e, v) => setUsername(v)} autoFocus />
      </FormGroup>
      <FormGroup label={t('members.role')} isRequired fieldId="member-role">
        <RoleSelect id="member-role" value={role} onChange={setRole} label={t('members.role')} />
      </FormGroup>
    </FormDialog>
  );
}

import { useState } from 'react';
import { FormGroup, FormSelect, FormSelectOption, Radio, TextInput } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { members } from '../../api/berth';
import { userGroups } from '../../api/userGroups';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FieldHelp } from '../../components/FieldHelp';
import { FormDialog } from '../../components/FormDialog';
import { useLoaded } from '../../components/useLoaded';
import { required } from '../../lib/validation';
import { RoleSelect } from './RoleSelect';

/**
 * POST /projects/{name}/members: a user by name (member_user), or a user group (member_group by id) picked among the
 * groups whose name contains what is typed (/usergroups/search). The API's refusal stays in the dialog.
 */
export function AddMemberDialog({ project, onClose, onAdded }: { project: string; onClose: () => void; onAdded: () => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<'user' | 'group'>('user');
  const [username, setUsername] = useState('');
  const [groupName, setGroupName] = useState('');
  const [groupId, setGroupId] = useState<number | null>(null);
  const [role, setRole] = useState(2);
  const found = useLoaded(async () => (kind === 'group' && groupName.trim() !== '' ? userGroups.search(groupName) : []), [kind, groupName]);
  const groups = found.data ?? [];
  // the group picked, as long as it is among those found for the text typed
  const picked = groups.some((g) => g.id === groupId) ? groupId : (groups[0]?.id ?? null);
  return (
    <FormDialog
      title={t('members.addTitle')}
      titleId="add-member-title"
      formId="add-member-form"
      submitLabel={t('members.add')}
      canSubmit={kind === 'user' ? required(username) === null : picked !== null}
      onSubmit={async () => {
        await (kind === 'user' ? members.add(project, username.trim(), role) : members.addGroup(project, picked!, role));
        onAdded();
      }}
      onClose={onClose}
    >
      <FormGroup role="radiogroup" isInline fieldId="member-kind" label={t('members.kind')}>
        <Radio id="member-kind-user" name="member-kind" label={t('members.user')} isChecked={kind === 'user'} onChange={() => setKind('user')} />
        <Radio id="member-kind-group" name="member-kind" label={t('members.group')} isChecked={kind === 'group'} onChange={() => setKind('group')} />
      </FormGroup>
      {kind === 'user' ? (
        <FormGroup label={t('members.username')} isRequired fieldId="member-username">
          <TextInput id="member-username" value={username} onChange={(_e, v) => setUsername(v)} autoFocus />
        </FormGroup>
      ) : (
        <>
          <FormGroup label={t('members.groupSearch')} isRequired fieldId="member-group-name">
            <TextInput id="member-group-name" value={groupName} onChange={(_e, v) => setGroupName(v)} aria-describedby="member-group-help" autoFocus />
            <FieldHelp id="member-group-help" hint={groupName.trim() !== '' && !found.loading && groups.length === 0 ? 'members.noGroup' : 'members.groupHint'} />
          </FormGroup>
          <ErrorAlert error={found.error} />
          {groups.length > 0 && (
            <FormGroup label={t('members.group')} isRequired fieldId="member-group">
              <FormSelect id="member-group" value={String(picked)} onChange={(_e, v) => setGroupId(Number(v))}>
                {groups.map((g) => (
                  <FormSelectOption key={g.id} value={String(g.id)} label={`${g.group_name} (${t(`adminGroups.types.${g.group_type}`)})`} />
                ))}
              </FormSelect>
            </FormGroup>
          )}
        </>
      )}
      <FormGroup label={t('members.role')} isRequired fieldId="member-role">
        <RoleSelect id="member-role" value={role} onChange={setRole} label={t('members.role')} />
      </FormGroup>
    </FormDialog>
  );
}

import { useState } from 'react';
import { FormGroup, FormSelect, FormSelectOption, TextInput } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { GROUP_TYPES, userGroups, type GroupType, type UserGroup } from '../../../api/userGroups';
import { FieldHelp } from '../../../components/FieldHelp';
import { FormDialog } from '../../../components/FormDialog';
import { groupCreation, groupProblem } from './groupForm';

/** A new group (type, then DN or name), or an existing group's new name: only the name of a group can change. */
export function GroupDialog({ group, onClose, onSaved }: { group?: UserGroup; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [type, setType] = useState<GroupType>(group?.group_type ?? 1);
  const [name, setName] = useState(group?.group_name ?? '');
  const [dn, setDn] = useState(group?.ldap_group_dn ?? '');
  const problem = group ? (name.trim() === '' ? 'adminGroups.nameRequired' : null) : groupProblem({ type, name, dn });
  return (
    <FormDialog
      title={group ? t('adminGroups.editTitle') : t('adminGroups.createTitle')}
      titleId="group-title"
      formId="group-form"
      submitLabel={group ? t('adminGroups.save') : t('common.create')}
      canSubmit={!problem}
      onSubmit={async () => {
        await (group ? userGroups.rename(group.id, name.trim()) : userGroups.create(groupCreation({ type, name, dn })));
        onSaved();
      }}
      onClose={onClose}
    >
      <FormGroup label={t('adminGroups.type')} fieldId="group-type">
        <FormSelect id="group-type" value={String(type)} isDisabled={!!group} onChange={(_e, v) => setType(Number(v) as GroupType)}>
          {GROUP_TYPES.map((g) => (
            <FormSelectOption key={g} value={String(g)} label={t(`adminGroups.types.${g}`)} />
          ))}
        </FormSelect>
      </FormGroup>
      {type === 1 && (
        <FormGroup label={t('adminGroups.dn')} isRequired fieldId="group-dn">
          <TextInput id="group-dn" value={dn} isDisabled={!!group} onChange={(_e, v) => setDn(v)} aria-describedby="group-dn-help" autoFocus={!group} />
          <FieldHelp id="group-dn-help" hint={group ? undefined : 'adminGroups.dnHint'} />
        </FormGroup>
      )}
      <FormGroup label={t('adminGroups.name')} isRequired={type !== 1 || !!group} fieldId="group-name">
        <TextInput id="group-name" value={name} onChange={(_e, v) => setName(v)} aria-describedby="group-name-help" autoFocus={type !== 1 || !!group} />
        <FieldHelp id="group-name-help" hint={type === 1 && !group ? 'adminGroups.nameHint' : undefined} />
      </FormGroup>
    </FormDialog>
  );
}

import { useState } from 'react';
import { FormGroup, TextInput } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { users } from '../../../api/users';
import { FieldHelp } from '../../../components/FieldHelp';
import { FormDialog } from '../../../components/FormDialog';
import { NewPasswordField } from '../../../components/NewPasswordField';
import { EMPTY_USER, userCreation, userProblems, userValid, type UserFormValues } from './userForm';

/** POST /api/v2.0/users {username, email, realname, password, comment}; each field checked as it is typed. */
export function CreateUserDialog({ onClose, onCreated }: { onClose: () => void; onCreated: () => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<UserFormValues>(EMPTY_USER);
  const problems = userProblems(values);
  const valid = userValid(values);
  const setField = (field: keyof UserFormValues) => (value: string) => setValues((v) => ({ ...v, [field]: value }));
  const set = (field: keyof UserFormValues) => (_e: unknown, value: string) => setField(field)(value);

  return (
    <FormDialog
      title={t('adminUsers.createTitle')}
      titleId="create-user-title"
      formId="create-user-form"
      submitLabel={t('common.create')}
      canSubmit={valid}
      onSubmit={async () => {
        await users.create(userCreation(values));
        onCreated();
      }}
      onClose={onClose}
    >
      <FormGroup label={t('adminUsers.username')} isRequired fieldId="user-name">
        <TextInput
          id="user-name"
          value={values.username}
          onChange={set('username')}
          validated={problems.username ? 'error' : 'default'}
          aria-describedby="user-name-help"
          autoComplete="off"
          autoFocus
        />
        <FieldHelp id="user-name-help" problem={problems.username} hint="adminUsers.usernameHint" />
      </FormGroup>
      <FormGroup label={t('adminUsers.email')} fieldId="user-email">
        <TextInput
          id="user-email"
          type="email"
          value={values.email}
          onChange={set('email')}
          validated={problems.email ? 'error' : 'default'}
          aria-describedby="user-email-help"
          autoComplete="off"
        />
        <FieldHelp id="user-email-help" problem={problems.email} />
      </FormGroup>
      <FormGroup label={t('adminUsers.realname')} fieldId="user-realname">
        <TextInput id="user-realname" value={values.realname} onChange={set('realname')} autoComplete="off" />
      </FormGroup>
      <NewPasswordField id="user-password" label={t('adminUsers.password')} value={values.password} onChange={setField('password')} problem={problems.password} hint="validation.passwordRule" />
      <NewPasswordField id="user-confirm" label={t('adminUsers.confirm')} value={values.confirm} onChange={setField('confirm')} problem={problems.confirm} />
      <FormGroup label={t('adminUsers.comment')} fieldId="user-comment">
        <TextInput id="user-comment" value={values.comment} onChange={set('comment')} autoComplete="off" />
      </FormGroup>
    </FormDialog>
  );
}

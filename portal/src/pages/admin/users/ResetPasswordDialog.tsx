import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { users, type AdminUser } from '../../../api/users';
import { FormDialog } from '../../../components/FormDialog';
import { NewPasswordField } from '../../../components/NewPasswordField';
import { confirmation, password } from '../../../lib/validation';

/** PUT /api/v2.0/users/{id}/password {new_password}: a system administrator needs no old password for someone else's. */
export function ResetPasswordDialog({ user, onClose, onDone }: { user: AdminUser; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const [confirm, setConfirm] = useState('');
  const problem = value === '' ? null : password(value);
  const confirmProblem = confirm === '' ? null : confirmation(value, confirm);
  const valid = password(value) === null && confirmation(value, confirm) === null;

  return (
    <FormDialog
      title={t('adminUsers.resetTitle')}
      titleId="reset-password-title"
      description={t('adminUsers.resetHint', { name: user.username })}
      formId="reset-password-form"
      submitLabel={t('adminUsers.resetPassword')}
      canSubmit={valid}
      onSubmit={async () => {
        await users.resetPassword(user.user_id, value);
        onDone();
      }}
      onClose={onClose}
    >
      <NewPasswordField id="reset-password" label={t('adminUsers.newPassword')} value={value} onChange={setValue} problem={problem} hint="validation.passwordRule" autoFocus />
      <NewPasswordField id="reset-confirm" label={t('adminUsers.confirm')} value={confirm} onChange={setConfirm} problem={confirmProblem} />
    </FormDialog>
  );
}

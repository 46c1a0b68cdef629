import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { quotas } from '../../../api/quotas';
import type { Quota } from '../../../api/types';
import { FormDialog } from '../../../components/FormDialog';
import { QuotaBar } from '../../../components/QuotaBar';
import { StorageLimitField } from '../../../components/StorageLimitField';
import { limitBytes, limitForm, type LimitForm } from '../../../lib/storageLimit';

/** PUT /api/v2.0/quotas/{id} {hard: {storage}}: a project's storage limit; the API's refusal stays in the dialog. */
export function QuotaDialog({ quota, onClose, onSaved }: { quota: Quota; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState<LimitForm>(limitForm(quota.hard.storage));
  const initial = limitForm(quota.hard.storage);
  // unchanged: the exact bytes stored, not the rounded ones the form shows
  const unchanged = JSON.stringify(form) === JSON.stringify(initial);
  const bytes = unchanged ? quota.hard.storage : limitBytes(form);
  return (
    <FormDialog
      title={t('adminQuotas.editTitle', { name: quota.ref.name })}
      titleId="quota-dialog-title"
      description={<QuotaBar used={quota.used.storage} hard={quota.hard.storage} label={t('adminQuotas.usageOf', { name: quota.ref.name })} showUnlimited />}
      formId="quota-form"
      submitLabel={t('adminQuotas.save')}
      submitTestId="quota-save"
      canSubmit={bytes !== null && (form.unlimited || form.amount.trim() !== '')}
      onSubmit={async () => {
        await quotas.setStorageLimit(quota.id, bytes!);
        onSaved();
      }}
      onClose={onClose}
    >
      <StorageLimitField id="quota-limit" form={form} onChange={setForm} />
    </FormDialog>
  );
}

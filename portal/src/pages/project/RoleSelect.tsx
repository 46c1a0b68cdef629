import { FormSelect, FormSelectOption } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { ROLES } from '../../api/types';

/** A project role, by its Harbor id. */
export function RoleSelect({ id, value, onChange, label, isDisabled }: { id: string; value: number; onChange: (role: number) => void; label: string; isDisabled?: boolean }) {
  const { t } = useTranslation();
  return (
    <FormSelect id={id} value={String(value)} onChange={(_e, v) => onChange(Number(v))} aria-label={label} isDisabled={isDisabled}>
      {ROLES.map((r) => (
        <FormSelectOption key={r.id} value={String(r.id)} label={t(`roles.${r.key}`)} />
      ))}
    </FormSelect>
  );
}

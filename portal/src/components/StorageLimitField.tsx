import { Checkbox, FormGroup, FormSelect, FormSelectOption, Split, SplitItem, TextInput } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { LIMIT_UNITS, limitBytes, type LimitForm, type LimitUnit } from '../lib/storageLimit';
import { FieldHelp } from './FieldHelp';

/** A storage limit: a number and a unit (MiB, GiB, TiB), or unlimited (the box, or -1 typed). */
export function StorageLimitField({
  id,
  form,
  hint = 'quota.limitHint',
  onChange,
}: {
  id: string;
  form: LimitForm;
  /** The i18n key of the line under the field. */
  hint?: string;
  onChange: (form: LimitForm) => void;
}) {
  const { t } = useTranslation();
  const wrong = !form.unlimited && form.amount.trim() !== '' && limitBytes(form) === null;
  return (
    <FormGroup label={t('quota.limit')} fieldId={`${id}-amount`}>
      <Split hasGutter>
        <SplitItem isFilled>
          <TextInput
            id={`${id}-amount`}
            inputMode="decimal"
            value={form.unlimited ? '' : form.amount}
            placeholder={form.unlimited ? t('quota.unlimited') : ''}
            isDisabled={form.unlimited}
            onChange={(_e, v) => onChange(v.trim() === '-1' ? { ...form, unlimited: true, amount: '' } : { ...form, amount: v })}
            validated={wrong ? 'error' : 'default'}
            aria-describedby={`${id}-help`}
          />
        </SplitItem>
        <SplitItem>
          <FormSelect
            id={`${id}-unit`}
            aria-label={t('quota.unit')}
            value={form.unit}
            isDisabled={form.unlimited}
            onChange={(_e, v) => onChange({ ...form, unit: v as LimitUnit })}
          >
            {Object.keys(LIMIT_UNITS).map((unit) => (
              <FormSelectOption key={unit} value={unit} label={unit} />
            ))}
          </FormSelect>
        </SplitItem>
      </Split>
      <Checkbox
        id={`${id}-unlimited`}
        className="pf-v6-u-mt-sm"
        label={t('quota.unlimited')}
        isChecked={form.unlimited}
        onChange={(_e, on) => onChange({ ...form, unlimited: on, amount: on ? '' : form.amount })}
      />
      <FieldHelp id={`${id}-help`} problem={wrong ? 'quota.limitRange' : null} hint={hint} />
    </FormGroup>
  );
}

import { FormGroup, FormSelect, FormSelectOption, Switch, TextInput } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import type { Configurations } from '../../../api/configurations';
import { FieldHelp } from '../../../components/FieldHelp';
import { editable, optionsOf, type ConfigForm, type Field } from './configForm';

interface Props {
  field: Field;
  stored: Configurations;
  form: ConfigForm;
  problem?: string;
  onChange: (key: string, value: string | boolean) => void;
}

/**
 * One key of the configuration as its control. A key pinned in berth.yaml is shown disabled and says so; a secret
 * is a password input that starts empty ("leave empty to keep").
 */
export function ConfigField({ field, stored, form, problem, onChange }: Props) {
  const { t } = useTranslation();
  const id = `config-${field.key.replace(/_/g, '-')}`;
  const label = t(`configAuth.field.${field.key}`);
  const disabled = !editable(field, stored);
  const hint = disabled ? 'configAuth.pinned' : field.kind === 'secret' ? 'configAuth.keepSecret' : `configAuth.help.${field.key}`;
  const value = form[field.key];
  if (field.kind === 'boolean') {
    return (
      <FormGroup fieldId={id} label={label}>
        <Switch
          id={id}
          isChecked={value === true}
          isDisabled={disabled}
          onChange={(_e, checked) => onChange(field.key, checked)}
          aria-label={label}
          aria-describedby={`${id}-help`}
        />
        <FieldHelp id={`${id}-help`} hint={hint} />
      </FormGroup>
    );
  }
  return (
    <FormGroup fieldId={id} label={label}>
      {field.kind === 'select' ? (
        <FormSelect id={id} value={String(value ?? '')} isDisabled={disabled} onChange={(_e, v) => onChange(field.key, v)} aria-describedby={`${id}-help`}>
          {optionsOf(field, stored).map((option) => (
            <FormSelectOption key={option} value={option} label={t(`configAuth.option.${option}`, { defaultValue: option })} />
          ))}
        </FormSelect>
      ) : (
        <TextInput
          id={id}
          type={field.kind === 'secret' ? 'password' : field.kind === 'integer' ? 'number' : 'text'}
          autoComplete={field.kind === 'secret' ? 'new-password' : 'off'}
          value={String(value ?? '')}
          isDisabled={disabled}
          validated={problem ? 'error' : 'default'}
          onChange={(_e, v) => onChange(field.key, v)}
          aria-describedby={`${id}-help`}
        />
      )}
      <FieldHelp id={`${id}-help`} problem={problem} hint={hint} />
    </FormGroup>
  );
}

import { FormGroup, TextInput } from '@patternfly/react-core';
import { FieldHelp } from './FieldHelp';

/**
 * A required new-password field (or its confirmation) checked as it is typed: the problem (an i18n key)
 * or the hint under it, as `${id}-help`.
 */
export function NewPasswordField({
  id,
  label,
  value,
  onChange,
  problem,
  hint,
  autoFocus,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  problem: string | null | undefined;
  hint?: string;
  autoFocus?: boolean;
}) {
  return (
    <FormGroup label={label} isRequired fieldId={id}>
      <TextInput
        id={id}
        type="password"
        autoComplete="new-password"
        value={value}
        onChange={(_e, v) => onChange(v)}
        validated={problem ? 'error' : 'default'}
        aria-describedby={`${id}-help`}
        autoFocus={autoFocus}
      />
      <FieldHelp id={`${id}-help`} problem={problem} hint={hint} />
    </FormGroup>
  );
}

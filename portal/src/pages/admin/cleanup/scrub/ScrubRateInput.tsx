import { FormGroup, TextInput } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { FieldHelp } from '../../../../components/FieldHelp';
import { rateLimitProblem } from './scrubForm';

/** The rate limit in MB/s, with what is wrong with it. */
export function ScrubRateInput({ id, value, onChange }: { id: string; value: string; onChange: (text: string) => void }) {
  const { t } = useTranslation();
  const problem = rateLimitProblem(value);
  return (
    <FormGroup label={t('adminScrub.rateLimit')} fieldId={id}>
      <TextInput
        id={id}
        type="number"
        value={value}
        onChange={(_e, v) => onChange(v)}
        validated={problem ? 'error' : 'default'}
        aria-describedby={`${id}-help`}
        data-testid={id}
      />
      <FieldHelp id={`${id}-help`} problem={problem} hint="adminScrub.rateLimitHelp" />
    </FormGroup>
  );
}

import { FormHelperText, HelperText, HelperTextItem } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';

/** Under a field: what is wrong with it (an i18n key), else its hint, if any. */
export function FieldHelp({ id, problem, hint }: { id: string; problem?: string | null; hint?: string }) {
  const { t } = useTranslation();
  if (!problem && !hint) {
    return null;
  }
  return (
    <FormHelperText>
      <HelperText id={id}>
        <HelperTextItem variant={problem ? 'error' : 'default'}>{problem ? t(problem) : hint}</HelperTextItem>
      </HelperText>
    </FormHelperText>
  );
}

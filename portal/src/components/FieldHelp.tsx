import { FormHelperText, HelperText, HelperTextItem } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';

/**
 * The line under a form field: the problem (an i18n key) when there is one, else the hint (an i18n key),
 * else nothing. Give the field aria-describedby={id}.
 */
export function FieldHelp({
  id,
  problem,
  hint,
  hintValues,
}: {
  id: string;
  problem?: string | null;
  hint?: string;
  /** Values of the hint's placeholders. */
  hintValues?: Record<string, unknown>;
}) {
  const { t } = useTranslation();
  const key = problem || hint;
  if (!key) {
    return null;
  }
  return (
    <FormHelperText>
      <HelperText id={id}>
        <HelperTextItem variant={problem ? 'error' : 'default'}>{problem ? t(problem) : t(key, hintValues)}</HelperTextItem>
      </HelperText>
    </FormHelperText>
  );
}

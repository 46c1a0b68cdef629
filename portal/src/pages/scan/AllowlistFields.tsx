import { Checkbox, FormGroup, FormHelperText, HelperText, HelperTextItem, TextArea, TextInput } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { expiryProblem, idsOf, idsProblem, type AllowlistValues } from './allowlistForm';

/** The line under a field: FieldHelp's, for a text that has values of its own. */
function Help({ id, error, text }: { id: string; error: boolean; text: string }) {
  return (
    <FormHelperText>
      <HelperText id={id}>
        <HelperTextItem variant={error ? 'error' : 'default'}>{text}</HelperTextItem>
      </HelperText>
    </FormHelperText>
  );
}

/** The fields of a CVE allowlist: its ids (one per line) and when it expires (a day, or never). */
export function AllowlistFields({
  id,
  values,
  onChange,
  isDisabled,
}: {
  /** Prefix of the fields' ids. */
  id: string;
  values: AllowlistValues;
  onChange: (values: AllowlistValues) => void;
  isDisabled?: boolean;
}) {
  const { t } = useTranslation();
  const ids = idsProblem(values.ids);
  const expiry = expiryProblem(values);
  const count = idsOf(values.ids).length;
  return (
    <>
      <FormGroup label={t('cveAllowlist.ids')} fieldId={`${id}-ids`}>
        <TextArea
          id={`${id}-ids`}
          value={values.ids}
          onChange={(_e, v) => onChange({ ...values, ids: v })}
          isDisabled={isDisabled}
          validated={ids ? 'error' : 'default'}
          aria-describedby={`${id}-ids-help`}
          resizeOrientation="vertical"
          rows={5}
          className="berth-mono"
          placeholder="CVE-2021-44228"
        />
        <Help id={`${id}-ids-help`} error={!!ids} text={ids ? t(ids.key, ids.values) : t('cveAllowlist.idsHint', { count })} />
      </FormGroup>
      <FormGroup label={t('cveAllowlist.expires')} fieldId={`${id}-expires`}>
        <Checkbox
          id={`${id}-never`}
          label={t('cveAllowlist.never')}
          isChecked={values.neverExpires}
          isDisabled={isDisabled}
          onChange={(_e, v) => onChange({ ...values, neverExpires: v })}
        />
        {!values.neverExpires && (
          <>
            <TextInput
              id={`${id}-expires`}
              type="date"
              value={values.expiresOn}
              onChange={(_e, v) => onChange({ ...values, expiresOn: v })}
              isDisabled={isDisabled}
              validated={expiry ? 'error' : 'default'}
              aria-describedby={`${id}-expires-help`}
              className="pf-v6-u-mt-sm"
            />
            <Help id={`${id}-expires-help`} error={!!expiry} text={expiry ? t(expiry.key) : t('cveAllowlist.expiresHint')} />
          </>
        )}
      </FormGroup>
    </>
  );
}

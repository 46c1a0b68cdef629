import { Checkbox, FormGroup, FormSelect, FormSelectOption, Split, SplitItem, TextInput } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { FieldHelp } from '../../../../components/FieldHelp';
import { OPERATIONS } from '../../audit-logs/auditQuery';
import { RETENTION_UNITS, retentionHours, type PurgeForm, type RetentionUnit } from './purgeForm';

/** The purge's parameters: keep records for N hours or days; purge those of the operations ticked. */
export function PurgeFields({ id, form, onChange }: { id: string; form: PurgeForm; onChange: (form: PurgeForm) => void }) {
  const { t } = useTranslation();
  const wrongRetention = form.retention !== '' && retentionHours(form) === null;
  const toggle = (operation: string, on: boolean) =>
    onChange({ ...form, operations: on ? [...form.operations, operation] : form.operations.filter((o) => o !== operation) });
  return (
    <>
      <FormGroup label={t('adminPurge.keep')} isRequired fieldId={`${id}-retention`}>
        <Split hasGutter>
          <SplitItem isFilled>
            <TextInput
              id={`${id}-retention`}
              type="number"
              min={1}
              value={form.retention}
              onChange={(_e, v) => onChange({ ...form, retention: v })}
              validated={wrongRetention ? 'error' : 'default'}
              aria-describedby={`${id}-retention-help`}
            />
          </SplitItem>
          <SplitItem>
            <FormSelect
              id={`${id}-retention-unit`}
              aria-label={t('adminPurge.unit')}
              value={form.unit}
              onChange={(_e, v) => onChange({ ...form, unit: v as RetentionUnit })}
            >
              {Object.keys(RETENTION_UNITS).map((unit) => (
                <FormSelectOption key={unit} value={unit} label={t(`adminPurge.units.${unit}`)} />
              ))}
            </FormSelect>
          </SplitItem>
        </Split>
        <FieldHelp id={`${id}-retention-help`} problem={wrongRetention ? 'adminPurge.retentionRange' : null} hint="adminPurge.keepHint" />
      </FormGroup>
      <FormGroup role="group" isInline label={t('adminPurge.operations')} fieldId={`${id}-operations`}>
        {OPERATIONS.map((operation) => (
          <Checkbox
            key={operation}
            id={`${id}-operation-${operation.replace(/ /g, '-')}`}
            label={t(`adminAuditLogs.operations.${operation.replace(/ /g, '_')}`)}
            isChecked={form.operations.includes(operation)}
            onChange={(_e, on) => toggle(operation, on)}
          />
        ))}
        <FieldHelp id={`${id}-operations-help`} problem={form.operations.length === 0 ? 'adminPurge.noOperations' : null} />
      </FormGroup>
    </>
  );
}

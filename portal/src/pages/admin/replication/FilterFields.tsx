import { FormGroup, FormSelect, FormSelectOption, InputGroup, InputGroupItem, TextInput } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import type { Decoration } from '../../../api/replication';
import { FieldHelp } from '../../../components/FieldHelp';
import type { PolicyForm } from './policyForm';

type Change = (change: Partial<PolicyForm>) => void;

function DecorationSelect({ id, value, onChange, label }: { id: string; value: Decoration; onChange: (d: Decoration) => void; label: string }) {
  const { t } = useTranslation();
  return (
    <FormSelect id={id} value={value} onChange={(_e, v) => onChange(v as Decoration)} aria-label={label}>
      <FormSelectOption value="matches" label={t('adminReplication.matches')} />
      <FormSelectOption value="excludes" label={t('adminReplication.excludes')} />
    </FormSelect>
  );
}

/** A filter: a text field and whether what it names is taken (matches) or left out (excludes). */
function FilterField(props: {
  id: string;
  label: string;
  value: string;
  decoration: Decoration;
  onValue: (v: string) => void;
  onDecoration: (d: Decoration) => void;
  hint: string;
  problem?: string | null;
}) {
  const { t } = useTranslation();
  return (
    <FormGroup label={props.label} fieldId={props.id}>
      <InputGroup>
        <InputGroupItem isFill>
          <TextInput
            id={props.id}
            value={props.value}
            onChange={(_e, v) => props.onValue(v)}
            validated={props.problem ? 'error' : 'default'}
            aria-describedby={`${props.id}-help`}
          />
        </InputGroupItem>
        <InputGroupItem>
          <DecorationSelect
            id={`${props.id}-decoration`}
            value={props.decoration}
            onChange={props.onDecoration}
            label={t('adminReplication.decorationOf', { filter: props.label })}
          />
        </InputGroupItem>
      </InputGroup>
      <FieldHelp id={`${props.id}-help`} problem={props.problem} hint={props.hint} />
    </FormGroup>
  );
}

/** The source resource filters core accepts: name and tag globs, label names, resource type. */
export function FilterFields({ form, change, labelProblem }: { form: PolicyForm; change: Change; labelProblem?: string }) {
  const { t } = useTranslation();
  return (
    <>
      <FilterField
        id="policy-filter-name"
        label={t('adminReplication.filterName')}
        value={form.nameFilter}
        decoration={form.nameDecoration}
        onValue={(v) => change({ nameFilter: v })}
        onDecoration={(d) => change({ nameDecoration: d })}
        hint="adminReplication.filterNameHint"
      />
      <FilterField
        id="policy-filter-tag"
        label={t('adminReplication.filterTag')}
        value={form.tagFilter}
        decoration={form.tagDecoration}
        onValue={(v) => change({ tagFilter: v })}
        onDecoration={(d) => change({ tagDecoration: d })}
        hint="adminReplication.filterTagHint"
      />
      <FilterField
        id="policy-filter-label"
        label={t('adminReplication.filterLabel')}
        value={form.labelFilter}
        decoration={form.labelDecoration}
        onValue={(v) => change({ labelFilter: v })}
        onDecoration={(d) => change({ labelDecoration: d })}
        hint="adminReplication.filterLabelHint"
        problem={labelProblem}
      />
      <FormGroup label={t('adminReplication.filterResource')} fieldId="policy-filter-resource">
        <FormSelect
          id="policy-filter-resource"
          value={form.resource}
          onChange={(_e, v) => change({ resource: v as PolicyForm['resource'] })}
        >
          <FormSelectOption value="" label={t('adminReplication.resourceAll')} />
          <FormSelectOption value="image" label={t('adminReplication.resourceImage')} />
          <FormSelectOption value="artifact" label={t('adminReplication.resourceArtifact')} />
        </FormSelect>
      </FormGroup>
    </>
  );
}

import { useEffect, useState } from 'react';
import {
  Checkbox,
  FormFieldGroup,
  FormFieldGroupHeader,
  FormGroup,
  FormSelect,
  FormSelectOption,
  Radio,
  TextArea,
  TextInput,
} from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { policies, registryChoices, type RegistryEndpoint, type ReplicationPolicy, type TriggerType } from '../../../api/replication';
import { FieldHelp } from '../../../components/FieldHelp';
import { FormDialog } from '../../../components/FormDialog';
import { FilterFields } from './FilterFields';
import { emptyForm, FLATTENING, formOf, policyOf, problems, type PolicyField, type PolicyForm } from './policyForm';

/** Create (POST /replication/policies) or edit (PUT …/{id}, the whole policy) a replication policy. */
export function PolicyDialog({ policy, onClose, onSaved }: { policy?: ReplicationPolicy; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState<PolicyForm>(() => (policy ? formOf(policy) : emptyForm()));
  const [touched, setTouched] = useState<Set<string>>(() => new Set(policy ? ['name', 'registryId', 'cron'] : []));
  const [registries, setRegistries] = useState<RegistryEndpoint[] | null>(null);
  const [registryTotal, setRegistryTotal] = useState(0);
  const [loadError, setLoadError] = useState<unknown>(null);

  useEffect(() => {
    let cancelled = false;
    registryChoices().then(
      (r) => !cancelled && (setRegistries(r.items), setRegistryTotal(r.total)),
      (e) => !cancelled && (setRegistries([]), setLoadError(e)),
    );
    return () => {
      cancelled = true;
    };
  }, []);

  const change = (c: Partial<PolicyForm>) => {
    setForm((f) => ({ ...f, ...c }));
    setTouched((s) => new Set([...s, ...Object.keys(c)]));
  };
  const found = problems(form);
  const invalid = Object.keys(found).length > 0;
  const shown = (field: PolicyField) => (touched.has(field) || field === 'trigger' ? found[field] : undefined);

  const registryLabel = form.mode === 'push' ? t('adminReplication.destRegistry') : t('adminReplication.srcRegistry');
  // none at all (not: none because GET /registries failed, whose message is shown above)
  const noRegistry = registries !== null && registries.length === 0 && registryTotal === 0 && !loadError;
  return (
    <FormDialog
      variant="medium"
      title={policy ? t('adminReplication.editTitle', { name: policy.name }) : t('adminReplication.createTitle')}
      titleId="policy-dialog-title"
      formId="policy-form"
      submitLabel={policy ? t('adminReplication.save') : t('common.create')}
      submitTestId="policy-save"
      canSubmit={!invalid}
      onSubmit={async () => {
        if (policy) {
          await policies.update(policy.id, policyOf(form));
        } else {
          await policies.create(policyOf(form));
        }
        onSaved();
      }}
      onClose={onClose}
      error={loadError}
    >
      <FormGroup label={t('adminReplication.name')} isRequired fieldId="policy-name">
        <TextInput
          id="policy-name"
          value={form.name}
          onChange={(_e, v) => change({ name: v })}
          onBlur={() => setTouched((s) => new Set([...s, 'name']))}
          validated={shown('name') ? 'error' : 'default'}
          aria-describedby="policy-name-help"
          autoFocus
        />
        <FieldHelp id="policy-name-help" problem={shown('name')} />
      </FormGroup>
      <FormGroup label={t('adminReplication.description')} fieldId="policy-description">
        <TextArea id="policy-description" value={form.description} onChange={(_e, v) => change({ description: v })} resizeOrientation="vertical" rows={2} />
      </FormGroup>
      <FormGroup role="radiogroup" isInline fieldId="policy-mode" label={t('adminReplication.mode')} isRequired>
        <Radio id="policy-mode-push" name="policy-mode" label={t('adminReplication.push')} description={t('adminReplication.pushHint')} isChecked={form.mode === 'push'} onChange={() => change({ mode: 'push' })} />
        <Radio id="policy-mode-pull" name="policy-mode" label={t('adminReplication.pull')} description={t('adminReplication.pullHint')} isChecked={form.mode === 'pull'} onChange={() => change({ mode: 'pull' })} />
      </FormGroup>
      <FormGroup label={registryLabel} isRequired fieldId="policy-registry">
        <FormSelect
          id="policy-registry"
          value={form.registryId}
          onChange={(_e, v) => change({ registryId: v })}
          onBlur={() => setTouched((s) => new Set([...s, 'registryId']))}
          validated={shown('registryId') ? 'error' : 'default'}
          aria-describedby="policy-registry-help"
        >
          <FormSelectOption value="" label={registries === null ? t('common.loading') : t('adminReplication.chooseRegistry')} isPlaceholder />
          {(registries ?? []).map((r) => (
            <FormSelectOption key={r.id} value={String(r.id)} label={`${r.name} (${r.url})`} />
          ))}
        </FormSelect>
        <FieldHelp
          id="policy-registry-help"
          problem={noRegistry ? 'adminReplication.problems.noRegistry' : shown('registryId')}
          hint={registryTotal > (registries?.length ?? 0) ? 'adminReplication.registriesCut' : undefined}
          hintValues={{ count: registries?.length ?? 0 }}
        />
      </FormGroup>
      <FormFieldGroup header={<FormFieldGroupHeader titleText={{ text: t('adminReplication.filters'), id: 'policy-filters-title' }} titleDescription={t('adminReplication.filtersHint')} />}>
        <FilterFields form={form} change={change} labelProblem={shown('labelFilter')} />
      </FormFieldGroup>
      <FormGroup label={t('adminReplication.destNamespace')} fieldId="policy-dest-namespace">
        <TextInput id="policy-dest-namespace" value={form.destNamespace} onChange={(_e, v) => change({ destNamespace: v })} aria-describedby="policy-dest-namespace-help" />
        <FieldHelp id="policy-dest-namespace-help" hint={form.mode === 'push' ? 'adminReplication.destNamespaceHint' : 'adminReplication.destNamespacePullHint'} />
      </FormGroup>
      <FormGroup label={t('adminReplication.flattening')} fieldId="policy-flattening">
        <FormSelect id="policy-flattening" value={form.flattening} onChange={(_e, v) => change({ flattening: v })} isDisabled={form.destNamespace.trim() === ''} aria-describedby="policy-flattening-help">
          {FLATTENING.map((f) => (
            <FormSelectOption key={f} value={f} label={t(`adminReplication.flatten.${f}`)} />
          ))}
        </FormSelect>
        <FieldHelp id="policy-flattening-help" hint="adminReplication.flatteningHint" />
      </FormGroup>
      <FormGroup label={t('adminReplication.triggerLabel')} isRequired fieldId="policy-trigger">
        <FormSelect
          id="policy-trigger"
          value={form.trigger}
          onChange={(_e, v) => change({ trigger: v as TriggerType })}
          validated={shown('trigger') ? 'error' : 'default'}
          aria-describedby="policy-trigger-help"
        >
          <FormSelectOption value="manual" label={t('adminReplication.trigger.manual')} />
          <FormSelectOption value="scheduled" label={t('adminReplication.trigger.scheduled')} />
          <FormSelectOption value="event_based" label={t('adminReplication.trigger.event_based')} />
        </FormSelect>
        <FieldHelp id="policy-trigger-help" problem={shown('trigger')} />
      </FormGroup>
      {form.trigger === 'scheduled' && (
        <FormGroup label={t('adminReplication.cron')} isRequired fieldId="policy-cron">
          <TextInput
            id="policy-cron"
            value={form.cron}
            onChange={(_e, v) => change({ cron: v })}
            validated={shown('cron') ? 'error' : 'default'}
            aria-describedby="policy-cron-help"
            className="berth-mono"
            placeholder="0 0 * * * *"
          />
          <FieldHelp id="policy-cron-help" problem={shown('cron')} hint="adminReplication.cronHint" />
        </FormGroup>
      )}
      {form.trigger === 'event_based' && (
        <Checkbox id="policy-deletion" label={t('adminReplication.deletion')} isChecked={form.deletion} onChange={(_e, v) => change({ deletion: v })} />
      )}
      <FormGroup label={t('adminReplication.speed')} fieldId="policy-speed">
        <TextInput
          id="policy-speed"
          type="number"
          min={0}
          value={form.speed}
          onChange={(_e, v) => change({ speed: v })}
          validated={shown('speed') ? 'error' : 'default'}
          aria-describedby="policy-speed-help"
        />
        <FieldHelp id="policy-speed-help" problem={shown('speed')} hint="adminReplication.speedHint" />
      </FormGroup>
      <FormGroup fieldId="policy-options" role="group" label={t('adminReplication.options')}>
        <Checkbox id="policy-override" label={t('adminReplication.override')} description={t('adminReplication.overrideHint')} isChecked={form.override} onChange={(_e, v) => change({ override: v })} />
        <Checkbox id="policy-copy-by-chunk" label={t('adminReplication.copyByChunk')} isChecked={form.copyByChunk} onChange={(_e, v) => change({ copyByChunk: v })} />
        <Checkbox id="policy-enabled" label={t('adminReplication.enabledOption')} isChecked={form.enabled} onChange={(_e, v) => change({ enabled: v })} />
      </FormGroup>
    </FormDialog>
  );
}

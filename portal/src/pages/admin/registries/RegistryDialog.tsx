import { useState } from 'react';
import { Alert, Button, Checkbox, FormGroup, FormSelect, FormSelectOption, TextArea, TextInput } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { REGISTRY_TYPES, registries, type Registry } from '../../../api/registries';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { FieldHelp } from '../../../components/FieldHelp';
import { FormDialog } from '../../../components/FormDialog';
import { useRegistryTypeName } from './typeName';
import {
  NEW_REGISTRY,
  formOf,
  hasStoredSecret,
  pingable,
  registryCreation,
  registryPing,
  registryProblems,
  registryUpdate,
  registryValid,
  type RegistryFormValues,
} from './registryForm';

type Ping = { state: 'idle' } | { state: 'busy' } | { state: 'ok' } | { state: 'failed'; error: unknown };

/**
 * POST /api/v2.0/registries (new) or PUT /api/v2.0/registries/{id} (edit), and "Test connection":
 * POST /api/v2.0/registries/ping with the form's values (and the stored registry's id when editing).
 */
export function RegistryDialog({ registry, onClose, onSaved }: { registry?: Registry; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const typeName = useRegistryTypeName();
  const [values, setValues] = useState<RegistryFormValues>(registry ? formOf(registry) : NEW_REGISTRY);
  const [ping, setPing] = useState<Ping>({ state: 'idle' });
  const problems = registryProblems(values);
  const valid = registryValid(values);
  const storedSecret = hasStoredSecret(registry);
  const types: string[] = registry && !(REGISTRY_TYPES as readonly string[]).includes(registry.type) ? [registry.type] : [...REGISTRY_TYPES];

  const change = (field: keyof RegistryFormValues, value: string | boolean) => {
    setValues((v) => ({ ...v, [field]: value }));
    setPing({ state: 'idle' }); // a result of other values would mislead
  };

  const test = async () => {
    setPing({ state: 'busy' });
    try {
      await registries.ping(registryPing(values, registry?.id));
      setPing({ state: 'ok' });
    } catch (e) {
      setPing({ state: 'failed', error: e });
    }
  };

  return (
    <FormDialog
      variant="medium"
      title={registry ? t('adminRegistries.editTitle') : t('adminRegistries.createTitle')}
      titleId="registry-title"
      formId="registry-form"
      submitLabel={registry ? t('adminRegistries.save') : t('common.create')}
      canSubmit={valid}
      onSubmit={async () => {
        if (registry) {
          await registries.update(registry.id, registryUpdate(values));
        } else {
          await registries.create(registryCreation(values));
        }
        onSaved();
      }}
      onClose={onClose}
      notice={
        <div aria-live="polite">
          {ping.state === 'ok' && <Alert variant="success" isInline title={t('adminRegistries.pingOk')} className="pf-v6-u-mb-md" />}
          {ping.state === 'failed' && <ErrorAlert error={ping.error} title={t('adminRegistries.pingFailed')} />}
        </div>
      }
      footerExtra={
        <Button variant="secondary" onClick={test} isDisabled={!pingable(values) || ping.state === 'busy'} isLoading={ping.state === 'busy'}>
          {t('adminRegistries.ping')}
        </Button>
      }
    >
      <FormGroup label={t('adminRegistries.name')} isRequired fieldId="registry-name">
        <TextInput
          id="registry-name"
          value={values.name}
          onChange={(_e, v) => change('name', v)}
          validated={problems.name ? 'error' : 'default'}
          aria-describedby="registry-name-help"
          autoFocus
        />
        <FieldHelp id="registry-name-help" problem={problems.name} />
      </FormGroup>
      <FormGroup label={t('adminRegistries.type')} isRequired fieldId="registry-type">
        <FormSelect
          id="registry-type"
          value={values.type}
          onChange={(_e, v) => change('type', v)}
          isDisabled={!!registry}
          aria-describedby="registry-type-help"
        >
          {types.map((type) => (
            <FormSelectOption key={type} value={type} label={typeName(type)} />
          ))}
        </FormSelect>
        <FieldHelp id="registry-type-help" problem={null} hint={registry ? 'adminRegistries.typeFixed' : undefined} />
      </FormGroup>
      <FormGroup label={t('adminRegistries.url')} isRequired fieldId="registry-url">
        <TextInput
          id="registry-url"
          type="url"
          value={values.url}
          onChange={(_e, v) => change('url', v)}
          validated={problems.url ? 'error' : 'default'}
          aria-describedby="registry-url-help"
          placeholder="https://registry.example.com"
        />
        <FieldHelp id="registry-url-help" problem={problems.url} hint="adminRegistries.urlHint" />
      </FormGroup>
      <FormGroup label={t('adminRegistries.accessKey')} fieldId="registry-access-key">
        <TextInput
          id="registry-access-key"
          value={values.accessKey}
          onChange={(_e, v) => change('accessKey', v)}
          autoComplete="off"
          aria-describedby="registry-access-key-help"
        />
        <FieldHelp id="registry-access-key-help" problem={null} hint="adminRegistries.accessKeyHint" />
      </FormGroup>
      <FormGroup label={t('adminRegistries.accessSecret')} fieldId="registry-access-secret">
        <TextInput
          id="registry-access-secret"
          type="password"
          value={values.accessSecret}
          onChange={(_e, v) => change('accessSecret', v)}
          autoComplete="new-password"
          isDisabled={values.accessKey.trim() === ''}
          aria-describedby="registry-access-secret-help"
        />
        <FieldHelp id="registry-access-secret-help" problem={null} hint={storedSecret ? 'adminRegistries.secretKept' : 'adminRegistries.secretHint'} />
      </FormGroup>
      <FormGroup fieldId="registry-verify">
        <Checkbox
          id="registry-verify"
          label={t('adminRegistries.verifyCert')}
          description={t('adminRegistries.verifyCertHint')}
          isChecked={values.verifyCert}
          onChange={(_e, v) => change('verifyCert', v)}
        />
      </FormGroup>
      <FormGroup label={t('adminRegistries.description')} fieldId="registry-description">
        <TextArea id="registry-description" value={values.description} onChange={(_e, v) => change('description', v)} resizeOrientation="vertical" />
      </FormGroup>
    </FormDialog>
  );
}

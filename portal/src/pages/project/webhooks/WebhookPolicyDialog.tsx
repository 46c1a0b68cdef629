import { useState } from 'react';
import { Checkbox, FormGroup, FormSelect, FormSelectOption, TextArea, TextInput } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { webhooks, type NotifyType, type WebhookEvents, type WebhookPolicy } from '../../../api/webhooks';
import { FieldHelp } from '../../../components/FieldHelp';
import { FormDialog } from '../../../components/FormDialog';
import { emptyForm, formatsOf, formOf, policyOf, webhookProblem, withType, type WebhookForm } from './webhookForm';

/** Create a policy (the answer carries its secret: onCreated shows it) or edit one (`policy`). */
export function WebhookPolicyDialog({
  projectId,
  events,
  eventsError,
  policy,
  onClose,
  onSaved,
}: {
  projectId: number;
  events: WebhookEvents | null;
  eventsError?: unknown;
  policy?: WebhookPolicy;
  onClose: () => void;
  onSaved: (created: WebhookPolicy | null) => void;
}) {
  const { t } = useTranslation();
  const [form, setForm] = useState<WebhookForm>(policy ? formOf(policy) : emptyForm(events));
  const edit = (change: Partial<WebhookForm>) => setForm((f) => ({ ...f, ...change }));
  const problem = webhookProblem(form);
  const eventTypes = Array.from(new Set([...(events?.event_type ?? []), ...form.eventTypes]));
  const notifyTypes: NotifyType[] = events?.notify_type?.length ? events.notify_type : ['http', 'slack'];
  const formats = formatsOf(events, form.type);
  const toggleEvent = (type: string, on: boolean) =>
    edit({ eventTypes: on ? [...form.eventTypes.filter((e) => e !== type), type] : form.eventTypes.filter((e) => e !== type) });
  return (
    <FormDialog
      title={t(policy ? 'webhooks.editTitle' : 'webhooks.create')}
      titleId="webhook-title"
      formId="webhook-form"
      submitLabel={t(policy ? 'webhooks.save' : 'common.create')}
      canSubmit={!problem}
      variant="medium"
      error={eventsError}
      onClose={onClose}
      submitTestId="webhook-submit"
      onSubmit={async () => {
        if (policy?.id !== undefined) {
          await webhooks.update(projectId, policy.id, policyOf(form, policy.enabled));
          onSaved(null);
        } else {
          onSaved(await webhooks.create(projectId, policyOf(form)));
        }
      }}
    >
      <FormGroup label={t('webhooks.name')} isRequired fieldId="webhook-name">
        <TextInput id="webhook-name" value={form.name} onChange={(_e, v) => edit({ name: v })} />
      </FormGroup>
      <FormGroup label={t('webhooks.description')} fieldId="webhook-description">
        <TextArea id="webhook-description" value={form.description} onChange={(_e, v) => edit({ description: v })} autoResize />
      </FormGroup>
      <FormGroup role="group" label={t('webhooks.eventTypes')} isRequired fieldId="webhook-events" isInline>
        {eventTypes.map((type) => (
          <Checkbox
            key={type}
            id={`webhook-event-${type}`}
            label={type}
            isChecked={form.eventTypes.includes(type)}
            onChange={(_e, v) => toggleEvent(type, v)}
          />
        ))}
      </FormGroup>
      <FormGroup label={t('webhooks.notifyType')} fieldId="webhook-type">
        <FormSelect id="webhook-type" value={form.type} onChange={(_e, v) => setForm((f) => withType(f, v as NotifyType, events))}>
          {notifyTypes.map((type) => (
            <FormSelectOption key={type} value={type} label={type} />
          ))}
        </FormSelect>
      </FormGroup>
      <FormGroup label={t('webhooks.address')} isRequired fieldId="webhook-address">
        <TextInput
          id="webhook-address"
          className="berth-mono"
          value={form.address}
          onChange={(_e, v) => edit({ address: v })}
          aria-describedby="webhook-address-help"
          placeholder="https://ci.example.com/hook"
        />
        <FieldHelp id="webhook-address-help" problem={form.address && problem === 'webhooks.addressInvalid' ? problem : null} hint="webhooks.addressHint" />
      </FormGroup>
      {form.type === 'http' && (
        <FormGroup label={t('webhooks.authHeader')} fieldId="webhook-auth">
          <TextInput id="webhook-auth" value={form.authHeader} onChange={(_e, v) => edit({ authHeader: v })} aria-describedby="webhook-auth-help" />
          <FieldHelp id="webhook-auth-help" hint="webhooks.authHeaderHint" />
        </FormGroup>
      )}
      <FormGroup label={t('webhooks.payloadFormat')} fieldId="webhook-format">
        <FormSelect id="webhook-format" value={form.payloadFormat} onChange={(_e, v) => edit({ payloadFormat: v })}>
          {(formats.length ? formats : [form.payloadFormat]).map((f) => (
            <FormSelectOption key={f} value={f} label={f} />
          ))}
        </FormSelect>
      </FormGroup>
      <FormGroup fieldId="webhook-skip-cert">
        <Checkbox id="webhook-skip-cert" label={t('webhooks.skipCertVerify')} isChecked={form.skipCertVerify} onChange={(_e, v) => edit({ skipCertVerify: v })} />
      </FormGroup>
    </FormDialog>
  );
}

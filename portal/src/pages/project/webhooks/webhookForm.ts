import type { NotifyType, WebhookEvents, WebhookPolicy } from '../../../api/webhooks';

/** The create / edit dialog's fields. */
export interface WebhookForm {
  name: string;
  description: string;
  eventTypes: string[];
  type: NotifyType;
  address: string;
  authHeader: string;
  skipCertVerify: boolean;
  payloadFormat: string;
}

/** The payload formats a notify type may use, as GET /events says. */
export function formatsOf(events: WebhookEvents | null, type: NotifyType): string[] {
  return events?.payload_formats?.find((f) => f.notify_type === type)?.formats ?? [];
}

/** A new policy's fields: every event type, http, the first format http has. */
export function emptyForm(events: WebhookEvents | null): WebhookForm {
  return {
    name: '',
    description: '',
    eventTypes: [...(events?.event_type ?? [])],
    type: 'http',
    address: '',
    authHeader: '',
    skipCertVerify: false,
    payloadFormat: formatsOf(events, 'http')[0] ?? 'Default',
  };
}

/** The fields of a stored policy (its first target). */
export function formOf(policy: WebhookPolicy): WebhookForm {
  const target = policy.targets?.[0];
  return {
    name: policy.name,
    description: policy.description ?? '',
    eventTypes: [...(policy.event_types ?? [])],
    type: target?.type === 'slack' ? 'slack' : 'http',
    address: target?.address ?? '',
    authHeader: target?.auth_header ?? '',
    skipCertVerify: !!target?.skip_cert_verify,
    payloadFormat: target?.payload_format ?? (target?.type === 'slack' ? 'Slack' : 'Default'),
  };
}

/** A change of notify type keeps the format when the new type has it, else takes the type's first. */
export function withType(form: WebhookForm, type: NotifyType, events: WebhookEvents | null): WebhookForm {
  const formats = formatsOf(events, type);
  return { ...form, type, payloadFormat: formats.includes(form.payloadFormat) ? form.payloadFormat : (formats[0] ?? form.payloadFormat) };
}

/** The i18n key of what is wrong with the form, or null (the API checks again and its refusal is shown). */
export function webhookProblem(form: WebhookForm): string | null {
  if (!form.name.trim()) return 'webhooks.nameRequired';
  if (form.eventTypes.length === 0) return 'webhooks.eventsRequired';
  let url: URL;
  try {
    url = new URL(form.address.trim());
  } catch {
    return 'webhooks.addressInvalid';
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) return 'webhooks.addressInvalid';
  return null;
}

/** The policy the form describes (one target), enabled unless said. */
export function policyOf(form: WebhookForm, enabled = true): WebhookPolicy {
  return {
    name: form.name.trim(),
    description: form.description.trim(),
    enabled,
    event_types: form.eventTypes,
    targets: [
      {
        type: form.type,
        address: form.address.trim(),
        auth_header: form.type === 'http' && form.authHeader.trim() ? form.authHeader.trim() : null,
        skip_cert_verify: form.skipCertVerify,
        payload_format: form.payloadFormat,
      },
    ],
  };
}

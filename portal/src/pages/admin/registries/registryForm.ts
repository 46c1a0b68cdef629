import { SECRET_MASK, type Registry, type RegistryCreation, type RegistryPing, type RegistryUpdate } from '../../../api/registries';
import { required, type Problem } from '../../../lib/validation';

/**
 * The registry form: its values, the rules core applies (a name, one of core's types, an http:// or
 * https:// URL) and the three request bodies it makes (create, update, ping). The secret is never
 * shown: when editing, an empty secret keeps the stored one.
 */
export interface RegistryFormValues {
  name: string;
  type: string;
  url: string;
  accessKey: string;
  accessSecret: string;
  /** Harbor's "verify remote certificate": the opposite of core's insecure. */
  verifyCert: boolean;
  description: string;
}

export const NEW_REGISTRY: RegistryFormValues = {
  name: '',
  type: 'harbor',
  url: '',
  accessKey: '',
  accessSecret: '',
  verifyCert: true,
  description: '',
};

/** The form's values for a stored registry: its secret is not known, only whether there is one. */
export function formOf(r: Registry): RegistryFormValues {
  return {
    name: r.name,
    type: r.type,
    url: r.url,
    accessKey: r.credential?.access_key ?? '',
    accessSecret: '',
    verifyCert: !r.insecure,
    description: r.description ?? '',
  };
}

export function hasStoredSecret(r: Registry | undefined): boolean {
  return r?.credential?.access_secret === SECRET_MASK;
}

export function registryUrl(value: string): Problem {
  const text = value.trim();
  if (text === '') {
    return 'validation.required';
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'adminRegistries.urlInvalid';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return 'adminRegistries.urlScheme';
  }
  return url.host === '' || /\s/.test(text) ? 'adminRegistries.urlInvalid' : null;
}

export type RegistryProblems = Record<'name' | 'url', Problem>;

/** The problems to show: none on a field still empty. */
export function registryProblems(v: RegistryFormValues): RegistryProblems {
  return {
    name: v.name === '' ? null : required(v.name),
    url: v.url === '' ? null : registryUrl(v.url),
  };
}

/** Enough to test the connection: a type and a URL (a stored registry's secret is core's to add). */
export function pingable(v: RegistryFormValues): boolean {
  return v.type !== '' && registryUrl(v.url) === null;
}

export function registryValid(v: RegistryFormValues): boolean {
  return required(v.name) === null && pingable(v);
}

const url = (v: RegistryFormValues) => v.url.trim();
/** A secret without an access key is of no use: it is not sent. */
const secret = (v: RegistryFormValues) => (v.accessKey.trim() === '' ? '' : v.accessSecret);

export function registryCreation(v: RegistryFormValues): RegistryCreation {
  return {
    name: v.name.trim(),
    type: v.type,
    url: url(v),
    credential: { type: 'basic', access_key: v.accessKey.trim(), access_secret: secret(v) },
    insecure: !v.verifyCert,
    description: v.description.trim(),
  };
}

/**
 * The credential fields of an update or a ping over a stored registry: the access key as typed (empty
 * makes the registry anonymous, and then the stored secret goes too); the secret only when one was typed.
 */
function credentialChange(v: RegistryFormValues): Pick<RegistryUpdate, 'credential_type' | 'access_key' | 'access_secret'> {
  const accessKey = v.accessKey.trim();
  const change: Pick<RegistryUpdate, 'credential_type' | 'access_key' | 'access_secret'> = { credential_type: 'basic', access_key: accessKey };
  if (accessKey === '') {
    change.access_secret = '';
  } else if (v.accessSecret !== '') {
    change.access_secret = v.accessSecret;
  }
  return change;
}

/** PUT /registries/{id}: every field of the form but the type, which Harbor fixes at creation. */
export function registryUpdate(v: RegistryFormValues): RegistryUpdate {
  return { name: v.name.trim(), url: url(v), ...credentialChange(v), insecure: !v.verifyCert, description: v.description.trim() };
}

/** POST /registries/ping: the form's values, over the stored registry when editing one. */
export function registryPing(v: RegistryFormValues, id?: number): RegistryPing {
  if (id === undefined) {
    return {
      type: v.type,
      url: url(v),
      credential_type: 'basic',
      access_key: v.accessKey.trim(),
      access_secret: secret(v),
      insecure: !v.verifyCert,
    };
  }
  return { id, url: url(v), ...credentialChange(v), insecure: !v.verifyCert };
}

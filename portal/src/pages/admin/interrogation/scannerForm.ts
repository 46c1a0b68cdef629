import { CREDENTIAL_MASK, type Scanner, type ScannerRequest } from '../../../api/scanners';
import { required, type Problem } from '../../../lib/validation';
import { registryUrl } from '../registries/registryForm';

/**
 * The scanner registration form: its values, the rules core applies (a name, an absolute http(s) URL, an authorization
 * with its credential: Basic's is user:password) and the request bodies it makes (create, update, ping). A stored
 * credential is never shown: when editing, an empty credential keeps it (core keeps it when sent its mask).
 */
export interface ScannerFormValues {
  name: string;
  description: string;
  url: string;
  auth: string;
  /** Basic: user and password; Bearer and API key: the token in `password`. */
  username: string;
  password: string;
  skipCertVerify: boolean;
  useInternalAddr: boolean;
}

export const NEW_SCANNER: ScannerFormValues = {
  name: '',
  description: '',
  url: '',
  auth: '',
  username: '',
  password: '',
  skipCertVerify: false,
  useInternalAddr: false,
};

/** The form's values for a stored registration: its credential is not known, only whether there is one. */
export function scannerFormOf(s: Scanner): ScannerFormValues {
  return {
    name: s.name,
    description: s.description ?? '',
    url: s.url,
    auth: s.auth ?? '',
    username: '',
    password: '',
    skipCertVerify: s.skip_certVerify,
    useInternalAddr: s.use_internal_addr,
  };
}

export function hasStoredCredential(s: Scanner | undefined): boolean {
  return s?.access_credential === CREDENTIAL_MASK;
}

export type ScannerProblems = Record<'name' | 'url' | 'credential', Problem>;

/**
 * The credential's problem: a new one is needed for an authorization other than none, unless the stored registration
 * already has one with the same authorization (then empty keeps it). Basic needs a user without a colon and a password.
 */
function credentialProblem(v: ScannerFormValues, stored?: Scanner): Problem {
  if (v.auth === '') {
    return null;
  }
  const keeps = hasStoredCredential(stored) && stored?.auth === v.auth && v.username === '' && v.password === '';
  if (keeps) {
    return null;
  }
  if (v.auth === 'Basic') {
    if (v.username.trim() === '' || v.password === '') {
      return 'adminScanners.basicNeeds';
    }
    return v.username.includes(':') ? 'adminScanners.userColon' : null;
  }
  return v.password === '' ? 'adminScanners.tokenNeeded' : null;
}

/** The problems to show: none on a name or URL still empty. */
export function scannerProblems(v: ScannerFormValues, stored?: Scanner): ScannerProblems {
  return {
    name: v.name === '' ? null : required(v.name),
    url: v.url === '' ? null : registryUrl(v.url),
    credential: credentialProblem(v, stored),
  };
}

/**
 * Enough to test the connection from the form: a URL and, with an authorization, a credential typed in it. core does
 * not try a stored credential in a ping (it is sealed): a stored registration is tested from the list (its metadata).
 */
export function scannerPingable(v: ScannerFormValues): boolean {
  return registryUrl(v.url) === null && credentialProblem(v) === null;
}

export function scannerValid(v: ScannerFormValues, stored?: Scanner): boolean {
  return required(v.name) === null && registryUrl(v.url) === null && credentialProblem(v, stored) === null;
}

/** The credential to send: none without authorization, the mask to keep the stored one, else what was typed. */
function credentialOf(v: ScannerFormValues, stored?: Scanner): string {
  if (v.auth === '') {
    return '';
  }
  if (v.username === '' && v.password === '' && hasStoredCredential(stored) && stored?.auth === v.auth) {
    return CREDENTIAL_MASK;
  }
  return v.auth === 'Basic' ? `${v.username.trim()}:${v.password}` : v.password;
}

/** POST /scanners and PUT /scanners/{id}: every field of the form. */
export function scannerRequest(v: ScannerFormValues, stored?: Scanner): ScannerRequest {
  return {
    name: v.name.trim(),
    description: v.description.trim(),
    url: v.url.trim(),
    auth: v.auth,
    access_credential: credentialOf(v, stored),
    skip_certVerify: v.skipCertVerify,
    use_internal_addr: v.useInternalAddr,
  };
}

/** POST /scanners/ping: core tries the URL and the typed credential against the adapter's metadata (see scannerPingable). */
export function scannerPing(v: ScannerFormValues): ScannerRequest {
  return { name: v.name.trim() || undefined, url: v.url.trim(), auth: v.auth, access_credential: credentialOf(v) };
}

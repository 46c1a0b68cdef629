import type { TrustedKeyKind } from '../../../api/trustedKeys';

/** The PEM block each kind takes: cosign's public key (cosign.pub), Notation's trust anchor certificate. */
export const PEM_TYPE: Record<TrustedKeyKind, string> = { cosign: 'PUBLIC KEY', notation: 'CERTIFICATE' };

/**
 * What is plainly wrong with a pasted PEM before it is sent (an i18n key), or null. Only the block's type is
 * checked here; the API checks the key itself (curve, certificate) and its message is shown as it comes.
 */
export function pemProblem(kind: TrustedKeyKind, pem: string): string | null {
  const text = pem.trim();
  if (text === '') {
    return 'trustedKeys.pemRequired';
  }
  const begin = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(text);
  if (!begin) {
    return 'trustedKeys.pemNotPem';
  }
  return begin[1] === PEM_TYPE[kind] ? null : kind === 'cosign' ? 'trustedKeys.pemNotPublicKey' : 'trustedKeys.pemNotCertificate';
}

/** A fingerprint in groups of four hex digits, so that it can be read out and compared. */
export function groupedFingerprint(fingerprint: string): string {
  return (fingerprint.match(/.{1,4}/g) ?? []).join(' ');
}

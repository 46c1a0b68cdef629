import { describe, expect, it } from 'vitest';
import { groupedFingerprint, pemProblem } from './trustedKeyForm';

const publicKey = '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n';
const certificate = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';

describe('a pasted trusted key', () => {
  it('is sent when its PEM block is the kind\'s', () => {
    expect(pemProblem('cosign', publicKey)).toBeNull();
    expect(pemProblem('notation', `\n${certificate}\n`)).toBeNull();
  });

  it('is held back when empty, not PEM, or of the other kind', () => {
    expect(pemProblem('cosign', '  ')).toBe('trustedKeys.pemRequired');
    expect(pemProblem('cosign', 'ssh-ed25519 AAAA')).toBe('trustedKeys.pemNotPem');
    expect(pemProblem('cosign', certificate)).toBe('trustedKeys.pemNotPublicKey');
    expect(pemProblem('notation', publicKey)).toBe('trustedKeys.pemNotCertificate');
    expect(pemProblem('cosign', '-----BEGIN EC PRIVATE KEY-----\nx\n-----END EC PRIVATE KEY-----')).toBe('trustedKeys.pemNotPublicKey');
  });

  it('shows its fingerprint in groups of four', () => {
    expect(groupedFingerprint('0123456789abcdef01')).toBe('0123 4567 89ab cdef 01');
    expect(groupedFingerprint('')).toBe('');
  });
});

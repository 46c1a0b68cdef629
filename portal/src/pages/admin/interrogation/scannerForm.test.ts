import { describe, expect, it } from 'vitest';
import type { Scanner } from '../../../api/scanners';
import { NEW_SCANNER, scannerFormOf, scannerPing, scannerPingable, scannerProblems, scannerRequest, scannerValid } from './scannerForm';

const stored: Scanner = {
  uuid: 'u1',
  name: 'trivy',
  url: 'http://trivy:8080',
  disabled: false,
  is_default: true,
  auth: 'Bearer',
  access_credential: '*****',
  skip_certVerify: false,
  use_internal_addr: true,
};

describe('the scanner form', () => {
  it('needs a name and an http(s) URL', () => {
    expect(scannerValid({ ...NEW_SCANNER, name: 'x', url: 'ftp://h' })).toBe(false);
    expect(scannerProblems({ ...NEW_SCANNER, url: 'ftp://h' }).url).toBe('adminRegistries.urlScheme');
    expect(scannerValid({ ...NEW_SCANNER, name: ' ', url: 'http://h' })).toBe(false);
    expect(scannerValid({ ...NEW_SCANNER, name: 'x', url: 'http://h:8080' })).toBe(true);
  });

  it('needs Basic\'s user and password (no colon in the user), or a token', () => {
    const v = { ...NEW_SCANNER, name: 'x', url: 'http://h' };
    expect(scannerProblems({ ...v, auth: 'Basic', username: 'u' }).credential).toBe('adminScanners.basicNeeds');
    expect(scannerProblems({ ...v, auth: 'Basic', username: 'a:b', password: 'p' }).credential).toBe('adminScanners.userColon');
    expect(scannerProblems({ ...v, auth: 'Bearer' }).credential).toBe('adminScanners.tokenNeeded');
    expect(scannerRequest({ ...v, auth: 'Basic', username: ' u ', password: 'p:w' }).access_credential).toBe('u:p:w');
    expect(scannerRequest({ ...v, auth: 'X-ScannerAdapter-API-Key', password: 'k' }).access_credential).toBe('k');
  });

  it('keeps a stored credential when nothing is typed (core\'s mask), and drops it without authorization', () => {
    const v = scannerFormOf(stored);
    expect(v.password).toBe('');
    expect(scannerValid(v, stored)).toBe(true);
    expect(scannerRequest(v, stored)).toMatchObject({ auth: 'Bearer', access_credential: '*****', use_internal_addr: true });
    expect(scannerRequest({ ...v, auth: '' }, stored).access_credential).toBe('');
    // another authorization needs its own credential
    expect(scannerValid({ ...v, auth: 'X-ScannerAdapter-API-Key' }, stored)).toBe(false);
  });

  it('tests the connection only with a credential typed in the form (core does not unseal a stored one for a ping)', () => {
    const v = scannerFormOf(stored);
    expect(scannerPingable(v)).toBe(false);
    expect(scannerPingable({ ...v, password: 't' })).toBe(true);
    expect(scannerPing({ ...v, password: 't' })).toEqual({ name: 'trivy', url: 'http://trivy:8080', auth: 'Bearer', access_credential: 't' });
    expect(scannerPing({ ...NEW_SCANNER, url: 'http://h' }).name).toBeUndefined();
  });
});

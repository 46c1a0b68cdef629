import { describe, expect, it } from 'vitest';
import { NO_FILTERS, hubFiltersProblem, hubQuery } from './hubQuery';

describe('the security hub filters', () => {
  it('make Harbor\'s q of exact values and a CVSS range with open ends', () => {
    expect(hubQuery(NO_FILTERS)).toBeUndefined();
    expect(hubQuery({ ...NO_FILTERS, cveId: ' CVE-2021-44228 ', severity: 'High', repository: 'p/r', cvssFrom: '7' })).toBe(
      'cve_id=CVE-2021-44228,severity=High,repository_name=p/r,cvss_score_v3=[7~]',
    );
    expect(hubQuery({ ...NO_FILTERS, packageName: 'openssl', tag: 'v1', cvssTo: '4.5' })).toBe('package=openssl,tag=v1,cvss_score_v3=[~4.5]');
  });

  it('refuse characters of q\'s grammar and scores outside 0 to 10 or upside down', () => {
    expect(hubFiltersProblem({ ...NO_FILTERS, packageName: 'a,b' })).toBe('securityHub.badCharacter');
    expect(hubFiltersProblem({ ...NO_FILTERS, repository: '~p' })).toBe('securityHub.badCharacter');
    expect(hubFiltersProblem({ ...NO_FILTERS, cvssFrom: '11' })).toBe('securityHub.badScore');
    expect(hubFiltersProblem({ ...NO_FILTERS, cvssTo: 'x' })).toBe('securityHub.badScore');
    expect(hubFiltersProblem({ ...NO_FILTERS, cvssFrom: '9', cvssTo: '7' })).toBe('securityHub.scoreOrder');
    expect(hubFiltersProblem({ ...NO_FILTERS, cvssFrom: '0', cvssTo: '10' })).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import type { Registry } from '../../api/registries';
import { isProxyCache, proxyEndpoints, proxyPullCommands } from './proxyCache';

const endpoint = (id: number, type: string): Registry => ({ id, name: `r${id}`, type, url: `https://r${id}.example` });

describe('proxy-cache projects', () => {
  it('are offered the endpoints of types that speak plain OCI Distribution only', () => {
    const all = [endpoint(1, 'docker-registry'), endpoint(2, 'aws-ecr'), endpoint(3, 'docker-hub'), endpoint(4, 'helm-hub')];
    expect(proxyEndpoints(all).map((r) => r.id)).toEqual([1, 3]);
  });

  it('are the projects with a registry_id', () => {
    expect(isProxyCache({ registry_id: 3 })).toBe(true);
    expect(isProxyCache({})).toBe(false);
    expect(isProxyCache({ registry_id: 0 })).toBe(false);
    expect(isProxyCache(null)).toBe(false);
  });

  it('are filled by a pull through them, not a push', () => {
    expect(proxyPullCommands('berth.example:8080', 'hub')).toEqual(['docker pull berth.example:8080/hub/REPOSITORY[:TAG]']);
  });
});

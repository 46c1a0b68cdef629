import type { Registry } from '../../api/registries';
import type { Project } from '../../api/types';

/**
 * The endpoint types a proxy-cache project may pull from: those whose registries speak plain OCI Distribution
 * (core's RegistryEndpointService.proxyable, docs/proxy-cache.md).
 */
export const PROXY_TYPES = ['docker-registry', 'berth', 'harbor', 'docker-hub', 'quay', 'github-ghcr', 'gitlab', 'jfrog-artifactory'];

export function proxyEndpoints(endpoints: Registry[]): Registry[] {
  return endpoints.filter((r) => PROXY_TYPES.includes(r.type));
}

/** A proxy-cache project pulls from its upstream and refuses pushes: no push commands are offered for it. */
export function isProxyCache(project: Pick<Project, 'registry_id'> | null | undefined): boolean {
  return !!project && project.registry_id !== undefined && project.registry_id !== null && project.registry_id > 0;
}

/** What to run to fill a proxy-cache project: a pull through it of an image of the upstream. */
export function proxyPullCommands(host: string, project: string): string[] {
  return [`docker pull ${host}/${project}/REPOSITORY[:TAG]`];
}

/** The commands that pull an artifact from this registry, by digest and by tag. */
export interface PullCommand {
  client: 'docker' | 'podman' | 'ctr';
  command: string;
}

export interface Location {
  host: string;
  /** The portal's scheme: over plain HTTP, podman and containerd need to be told. */
  secure: boolean;
}

export function reference(location: Location, project: string, repository: string, tagOrDigest: string): string {
  const separator = tagOrDigest.includes(':') ? '@' : ':'; // a tag never contains ':'
  return `${location.host}/${project}/${repository}${separator}${tagOrDigest}`;
}

export function pullCommands(location: Location, project: string, repository: string, tagOrDigest: string): PullCommand[] {
  const ref = reference(location, project, repository, tagOrDigest);
  return [
    { client: 'docker', command: `docker pull ${ref}` },
    { client: 'podman', command: `podman pull ${location.secure ? '' : '--tls-verify=false '}${ref}` },
    { client: 'ctr', command: `ctr images pull ${location.secure ? '' : '--plain-http '}${ref}` },
  ];
}

/** What to run to fill an empty project. */
export function pushCommands(location: Location, project: string): string[] {
  return [
    `docker login ${location.host}`,
    `docker tag IMAGE[:TAG] ${location.host}/${project}/REPOSITORY[:TAG]`,
    `docker push ${location.host}/${project}/REPOSITORY[:TAG]`,
  ];
}

export function currentLocation(): Location {
  return { host: window.location.host, secure: window.location.protocol === 'https:' };
}

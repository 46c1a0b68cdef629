import { describe, expect, it } from 'vitest';
import { formatBytes, platformText, shortDigest } from './format';
import { safeNext } from './next';
import { pullCommands, pushCommands, reference } from './pullCommands';
import { pairsOf, permissionsFor, permissionsProblem, secretFile } from './robotPermissions';
import { can } from './permissions';

const digest = 'sha256:' + 'a'.repeat(64);

describe('pull commands', () => {
  const https = { host: 'registry.example:8443', secure: true };
  const http = { host: 'localhost:8080', secure: false };
  it('pull by digest with @ and by tag with :', () => {
    expect(reference(https, 'library', 'team/app', digest)).toBe(`registry.example:8443/library/team/app@${digest}`);
    expect(reference(https, 'library', 'app', 'v1')).toBe('registry.example:8443/library/app:v1');
  });
  it('give docker, podman and containerd forms', () => {
    expect(pullCommands(https, 'p', 'r', 'v1').map((c) => c.command)).toEqual([
      'docker pull registry.example:8443/p/r:v1',
      'podman pull registry.example:8443/p/r:v1',
      'ctr images pull registry.example:8443/p/r:v1',
    ]);
  });
  it('tell podman and containerd when the registry is plain HTTP', () => {
    expect(pullCommands(http, 'p', 'r', digest).map((c) => c.command)).toEqual([
      `docker pull localhost:8080/p/r@${digest}`,
      `podman pull --tls-verify=false localhost:8080/p/r@${digest}`,
      `ctr images pull --plain-http localhost:8080/p/r@${digest}`,
    ]);
  });
  it('show how to push into an empty project', () => {
    expect(pushCommands(http, 'team')).toContain('docker push localhost:8080/team/REPOSITORY[:TAG]');
  });
});

describe('robot permissions', () => {
  it('are one project permission with the chosen pairs, in a stable order', () => {
    expect(permissionsFor('team', ['repository:push', 'repository:pull', 'bogus:x'])).toEqual([
      {
        kind: 'project',
        namespace: 'team',
        access: [
          { resource: 'repository', action: 'pull', effect: 'allow' },
          { resource: 'repository', action: 'push', effect: 'allow' },
        ],
      },
    ]);
  });
  it('need at least one known pair', () => {
    expect(permissionsProblem([])).toBe('validation.permissionRequired');
    expect(permissionsProblem(['bogus:x'])).toBe('validation.permissionRequired');
    expect(permissionsProblem(['tag:create'])).toBeNull();
  });
  it('are listed as pairs', () => {
    expect(pairsOf([{ kind: 'project', namespace: 'p', access: [{ resource: 'repository', action: 'pull' }] }])).toEqual(['repository:pull']);
    expect(pairsOf(undefined)).toEqual([]);
  });
  it('save the secret as JSON with the name', () => {
    const file = JSON.parse(secretFile({ id: 3, name: 'robot$p+ci', secret: 's3cret', expires_at: -1 }));
    expect(file).toMatchObject({ id: 3, name: 'robot$p+ci', secret: 's3cret', expires_at: -1 });
  });
});

describe('role permissions (buttons only)', () => {
  it('follow core-service\'s matrix', () => {
    expect(can(true, undefined, 'manageRobots')).toBe(true);
    expect(can(false, 1, 'manageMembers')).toBe(true);
    expect(can(false, 4, 'manageMembers')).toBe(false);
    expect(can(false, 4, 'deleteTag')).toBe(true);
    expect(can(false, 2, 'deleteTag')).toBe(false);
    expect(can(false, 2, 'createTag')).toBe(true);
    expect(can(false, undefined, 'readMembers')).toBe(false);
  });
});

describe('formatting', () => {
  it('sizes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.50 KiB');
    expect(formatBytes(50 * 1024 * 1024)).toBe('50.0 MiB');
    expect(formatBytes(undefined)).toBe('');
  });
  it('digests and platforms', () => {
    expect(shortDigest(digest)).toBe('sha256:aaaaaaaaaaaa');
    expect(platformText({ os: 'linux', architecture: 'arm64', variant: 'v8' })).toBe('linux/arm64/v8');
    expect(platformText({ os: 'linux', architecture: 'amd64' })).toBe('linux/amd64');
  });
});

describe('the page after login', () => {
  it('stays on this site', () => {
    expect(safeNext('/projects/p/members', '/projects')).toBe('/projects/p/members');
    expect(safeNext('//evil.example/x', '/projects')).toBe('/projects');
    expect(safeNext('/\\evil.example', '/projects')).toBe('/projects');
    expect(safeNext('https://evil.example', '/projects')).toBe('/projects');
    expect(safeNext('/login?next=/x', '/projects')).toBe('/projects');
    expect(safeNext(null, '/projects')).toBe('/projects');
  });
});

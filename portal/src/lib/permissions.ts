/**
 * What a role may do in a project, as core-service's rbac.Permissions has it. The portal only uses
 * this to show or hide buttons; the API decides, and its refusal is shown when it refuses.
 */
export type ProjectAction =
  | 'deleteProject'
  | 'push'
  | 'deleteArtifact'
  | 'createTag'
  | 'deleteTag'
  | 'readMembers'
  | 'manageMembers'
  | 'readRobots'
  | 'manageRobots'
  | 'updateProject'
  | 'readLogs'
  | 'labelArtifact'
  | 'manageImmutableRules'
  | 'manageWebhooks'
  | 'readRetention'
  | 'manageRetention'
  | 'scanArtifact'
  | 'readScanner'
  | 'manageScanner';

const ALL: ProjectAction[] = [
  'deleteProject',
  'push',
  'deleteArtifact',
  'createTag',
  'deleteTag',
  'readMembers',
  'manageMembers',
  'readRobots',
  'manageRobots',
  'updateProject',
  'readLogs',
  'labelArtifact',
  'manageImmutableRules',
  'manageWebhooks',
  'readRetention',
  'manageRetention',
  'scanArtifact',
  'readScanner',
  'manageScanner',
];

const MATRIX: Record<number, ProjectAction[]> = {
  1: ALL, // projectAdmin
  4: ['push', 'deleteArtifact', 'readMembers', 'readRobots', 'createTag', 'deleteTag', 'readLogs', 'labelArtifact', 'manageImmutableRules', 'readRetention', 'scanArtifact', 'readScanner'], // maintainer
  2: ['push', 'readMembers', 'createTag', 'readLogs', 'labelArtifact', 'scanArtifact', 'readScanner'], // developer
  3: ['readMembers', 'readLogs', 'readScanner'], // guest
  5: [], // limitedGuest
};

export function can(sysadmin: boolean, roleId: number | undefined, action: ProjectAction): boolean {
  if (sysadmin) {
    return true;
  }
  return roleId !== undefined && (MATRIX[roleId] ?? []).includes(action);
}

import type { RobotPermission } from '../api/types';
import type { Problem } from './validation';

/**
 * The robot permissions the portal offers: the pairs of Harbor's vocabulary that core-service's
 * RobotPermission.ACTIONS honours. The list/read pairs are left out: in Berth, pull is what lets a robot
 * list and read repositories, artifacts and tags. Permissions are per project (the API has no
 * per-repository scope), so each pair applies to every repository of the project.
 */
export const ROBOT_ACCESS: { resource: string; action: string }[] = [
  { resource: 'repository', action: 'pull' },
  { resource: 'repository', action: 'push' },
  { resource: 'repository', action: 'delete' },
  { resource: 'artifact', action: 'delete' },
  { resource: 'tag', action: 'create' },
  { resource: 'tag', action: 'delete' },
  { resource: 'artifact-label', action: 'create' },
  { resource: 'artifact-label', action: 'delete' },
  { resource: 'project', action: 'read' },
  { resource: 'member', action: 'list' },
  { resource: 'log', action: 'list' },
];

export const DEFAULT_ROBOT_ACCESS = ['repository:pull', 'repository:push'];

export function pairOf(access: { resource: string; action: string }): string {
  return `${access.resource}:${access.action}`;
}

/** The request's permissions: the chosen pairs in the robot's project. */
export function permissionsFor(project: string, pairs: string[]): RobotPermission[] {
  const access = ROBOT_ACCESS.filter((a) => pairs.includes(pairOf(a))).map((a) => ({ ...a, effect: 'allow' }));
  return [{ kind: 'project', namespace: project, access }];
}

export function permissionsProblem(pairs: string[]): Problem {
  return ROBOT_ACCESS.some((a) => pairs.includes(pairOf(a))) ? null : 'validation.permissionRequired';
}

/** The pairs a robot holds, for the list. */
export function pairsOf(permissions: RobotPermission[] | undefined): string[] {
  return (permissions ?? []).flatMap((p) => p.access.map(pairOf));
}

/** The JSON file a created robot's secret is saved as (the shape Harbor's portal downloads). */
export function secretFile(robot: { id: number; name: string; secret: string; creation_time?: string; expires_at: number }): string {
  return JSON.stringify(
    { id: robot.id, name: robot.name, secret: robot.secret, creation_time: robot.creation_time, expires_at: robot.expires_at },
    null,
    2,
  );
}

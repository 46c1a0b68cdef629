import type { SbomOverview, ScanOverview } from './scanning';

/** The API's JSON, with Harbor's field names, as far as the portal reads it. */
export interface User {
  user_id: number;
  username: string;
  email?: string;
  realname?: string;
  sysadmin_flag: boolean;
}

export interface Project {
  project_id: number;
  name: string;
  owner_name?: string;
  creation_time?: string;
  current_user_role_id?: number;
  repo_count: number;
  /** Berth's: the bytes the project's blobs take, each counted once. */
  storage_used?: number;
  metadata?: Record<string, string>;
  /** The upstream registry endpoint of a proxy-cache project; absent for an ordinary project. */
  registry_id?: number;
}

export interface ProjectSummary {
  repo_count: number;
  project_admin_count?: number;
  maintainer_count?: number;
  developer_count?: number;
  guest_count?: number;
  limited_guest_count?: number;
  quota?: { hard?: { storage?: number }; used?: { storage?: number } };
}

export interface Repository {
  id: number;
  project_id: number;
  name: string;
  artifact_count: number;
  pull_count: number;
  creation_time?: string;
  update_time?: string;
}

export interface Tag {
  id: number;
  name: string;
  push_time?: string;
  pull_time?: string;
}

export interface Platform {
  os?: string;
  architecture?: string;
  variant?: string;
  'os.version'?: string;
}

export interface ArtifactReference {
  child_digest: string;
  platform?: Platform;
}

export interface Artifact {
  id: number;
  type?: string;
  media_type?: string;
  manifest_media_type?: string;
  artifact_type?: string;
  digest: string;
  size: number;
  push_time?: string;
  pull_time?: string;
  tags?: Tag[];
  references?: ArtifactReference[];
  labels?: LabelItem[];
  /** With with_accessory=true: its signatures, SBOMs and other accessories (the first 100). */
  accessories?: Accessory[];
  /** with_scan_overview: the newest vulnerability report's overview per report MIME type ({} never scanned). */
  scan_overview?: Record<string, ScanOverview>;
  /** with_sbom_overview: the newest SBOM scan ({} none). */
  sbom_overview?: SbomOverview;
}

export interface LabelItem {
  id: number;
  name: string;
  description?: string;
  color?: string;
  scope?: string;
  project_id?: number;
}

/** Harbor's Accessory: an artifact (signature, SBOM, …) whose subject is another. */
export interface Accessory {
  id: number;
  artifact_id: number;
  subject_artifact_digest: string;
  digest: string;
  size: number;
  type: string;
  creation_time?: string;
}

/** A layer of an image manifest (Berth's additions/layers). */
export interface Layer {
  media_type?: string;
  digest: string;
  size: number;
}

/** A step of an image config's history (Harbor's additions/build_history). */
export interface BuildStep {
  created?: string;
  created_by?: string;
  comment?: string;
  empty_layer?: boolean;
}

/** Harbor's AuditLog (Berth adds the result and the client's address). */
export interface AuditLog {
  id: number;
  username: string;
  resource: string;
  resource_type: string;
  operation: string;
  op_time: string;
  result?: string;
  client_ip?: string;
}

export interface Statistics {
  private_project_count: number;
  public_project_count: number;
  total_project_count: number;
  private_repo_count: number;
  public_repo_count: number;
  total_repo_count: number;
  total_storage_consumption?: number;
}

/** Harbor's Quota of a project: hard limits and use. */
export interface Quota {
  id: number;
  ref: { id: number; name: string; owner_name?: string };
  /** Bytes; -1: unlimited. */
  hard: { storage: number };
  used: { storage: number };
  creation_time?: string;
  update_time?: string;
}

export interface Member {
  id: number;
  entity_name: string;
  entity_type: string;
  role_id: number;
  role_name: string;
}

export interface RobotAccess {
  resource: string;
  action: string;
  effect?: string;
}

export interface RobotPermission {
  kind: string;
  namespace: string;
  access: RobotAccess[];
}

export interface Robot {
  id: number;
  name: string;
  description?: string;
  level: string;
  duration?: number;
  disable: boolean;
  expires_at?: number;
  permissions?: RobotPermission[];
  creation_time?: string;
}

export interface CreatedRobot {
  id: number;
  name: string;
  secret: string;
  creation_time?: string;
  expires_at: number;
}

/** Harbor's project roles, by id. */
export const ROLES: { id: number; key: string }[] = [
  { id: 1, key: 'projectAdmin' },
  { id: 4, key: 'maintainer' },
  { id: 2, key: 'developer' },
  { id: 3, key: 'guest' },
  { id: 5, key: 'limitedGuest' },
];

export function roleKey(id: number | undefined): string | undefined {
  return ROLES.find((r) => r.id === id)?.key;
}

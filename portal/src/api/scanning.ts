import { V2, repoSeg } from './berth';
import { api, type ApiClient } from './client';
import { scheduledJob } from './execHistory';
import { fetchPage, type PageOf, type PageRequest } from './paging';

/** What a scan makes: a vulnerability report, or an SBOM (pushed as the image's accessory). */
export type ScanType = 'vulnerability' | 'sbom';

export type ScanStatus = 'Pending' | 'Running' | 'Success' | 'Error' | 'Stopped';

/** Harbor's NativeReportSummary: one entry of an artifact's scan_overview (keyed by report MIME type). */
export interface ScanOverview {
  report_id: string;
  scan_status: ScanStatus;
  /** The highest severity found (None when nothing was). */
  severity?: string;
  duration?: number;
  summary?: { total?: number; fixable?: number; summary?: Record<string, number> };
  start_time?: string;
  end_time?: string;
  complete_percent?: number;
  scanner?: { name?: string; vendor?: string; version?: string };
}

/** Harbor's SBOM overview of the newest SBOM scan; sbom_digest once it succeeded. */
export interface SbomOverview {
  report_id?: string;
  scan_status?: ScanStatus;
  start_time?: string;
  end_time?: string;
  duration?: number;
  sbom_digest?: string;
  scanner?: { name?: string; vendor?: string; version?: string };
}

/** A finding of a vulnerability report (Pluggable Scanner Adapter API's VulnerabilityItem). */
export interface Vulnerability {
  id: string;
  package: string;
  version: string;
  fix_version?: string;
  severity: string;
  description?: string;
  links?: string[];
  preferred_cvss?: { score_v3?: number | null } | null;
}

/** A stored vulnerability report: the newest, keyed by its MIME type in additions/vulnerabilities. */
export interface VulnerabilityReport {
  generated_at?: string;
  scanner?: { name?: string; vendor?: string; version?: string };
  severity?: string;
  vulnerabilities?: Vulnerability[];
}

/** Harbor's CVEAllowlist (the system's, or a project's cve_allowlist); expires_at in Unix seconds, null never. */
export interface CveAllowlist {
  id?: number;
  project_id?: number;
  expires_at?: number | null;
  items: { cve_id: string }[];
  creation_time?: string;
  update_time?: string;
}

/** Harbor's Stats of a scan-all. */
export interface ScanAllMetrics {
  total?: number;
  completed?: number;
  metrics?: Partial<Record<ScanStatus, number>>;
  ongoing?: boolean;
  trigger?: string;
}

const artifactPath = (project: string, repository: string, reference: string) =>
  `${V2}/projects/${encodeURIComponent(project)}/repositories/${repoSeg(repository)}/artifacts/${encodeURIComponent(reference)}`;

export const artifactScanApi = (client: ApiClient) => ({
  /** 202; refused (400/409/502/503) with core's message when the artifact cannot be scanned now. */
  scan: async (project: string, repository: string, digest: string, type: ScanType) => {
    await client.post(`${artifactPath(project, repository, digest)}/scan`, { scan_type: type });
  },
  /** Stops the artifact's running scan (whatever its type: core's stop takes no body); 400 when none runs. */
  stop: async (project: string, repository: string, digest: string) => {
    await client.post(`${artifactPath(project, repository, digest)}/scan/stop`);
  },
  /** The newest stored vulnerability report ({} when there is none). */
  vulnerabilities: (project: string, repository: string, digest: string) =>
    client.get<Record<string, VulnerabilityReport>>(`${artifactPath(project, repository, digest)}/additions/vulnerabilities`),
  /** The SCAN task's log, as text. */
  log: (project: string, repository: string, digest: string, reportId: string) =>
    client.text(`${artifactPath(project, repository, digest)}/scan/${encodeURIComponent(reportId)}/log`),
});

export const artifactScan = artifactScanApi(api);

/** /api/v2.0/system/scanAll: the scan of every artifact, now (Manual) or on a schedule; it takes no parameters. */
export const scanAllApi = (client: ApiClient) => ({
  ...scheduledJob<Record<string, never>>(client, `${V2}/system/scanAll`),
  /** The latest scan-all's counts ({} before the first). */
  metrics: () => client.get<ScanAllMetrics>(`${V2}/scans/all/metrics`),
});

export const scanAll = scanAllApi(api);

/** /api/v2.0/system/CVEAllowlist: every signed-in user reads it, system administrators replace it. */
export const systemAllowlistApi = (client: ApiClient) => ({
  get: () => client.get<CveAllowlist>(`${V2}/system/CVEAllowlist`),
  put: (list: Pick<CveAllowlist, 'items' | 'expires_at'>) => client.put(`${V2}/system/CVEAllowlist`, list),
});

export const systemAllowlist = systemAllowlistApi(api);

/** PUT /api/v2.0/projects/{p} with metadata and the project's own cve_allowlist (core refuses a bad one, changing nothing). */
export const projectSecurityApi = (client: ApiClient) => ({
  save: (project: string, metadata: Record<string, string>, allowlist: Pick<CveAllowlist, 'items' | 'expires_at'>) =>
    client.request('PUT', `${V2}/projects/${encodeURIComponent(project)}`, {
      headers: { 'X-Is-Resource-Name': 'true' },
      json: { metadata, cve_allowlist: allowlist },
    }),
});

export const projectSecurity = projectSecurityApi(api);

/** Harbor's VulnerabilityItem of the security hub. */
export interface HubVulnerability {
  project_id: number;
  repository_name: string;
  digest: string;
  tags?: string[];
  cve_id: string;
  severity: string;
  cvss_v3_score?: number | null;
  package: string;
  version: string;
  fixed_version?: string;
  desc?: string;
  links?: string[];
}

/** Harbor's SecuritySummary. */
export interface SecuritySummary {
  critical_cnt: number;
  high_cnt: number;
  medium_cnt: number;
  low_cnt: number;
  none_cnt: number;
  unknown_cnt: number;
  total_vuls: number;
  fixable_cnt: number;
  scanned_cnt: number;
  total_artifact: number;
  dangerous_cves?: { cve_id: string; severity: string; cvss_score_v3: number; desc?: string; package: string; version: string }[];
  dangerous_artifacts?: { project_id: number; repository_name: string; digest: string; critical_cnt: number; high_cnt: number; medium_cnt: number }[];
}

/** The security hub (system administrators): findings across projects, filtered by Harbor's q (see securityHubQuery). */
export const securityHubApi = (client: ApiClient) => ({
  summary: () => client.get<SecuritySummary>(`${V2}/security/summary`),
  vulnerabilities: (page: PageRequest, q: string | undefined): Promise<PageOf<HubVulnerability>> =>
    fetchPage<HubVulnerability>(client, `${V2}/vulnerabilities`, page, { q, with_tag: 'true' }),
});

export const securityHub = securityHubApi(api);

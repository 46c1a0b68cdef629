import type { Project } from '../../api/types';
import { allowlistOf, allowlistValuesOf, type AllowlistValues } from '../scan/allowlistForm';

/**
 * The project settings of scanning and vulnerability prevention (project metadata, docs/scanning.md and
 * docs/vulnerability-prevention.md) and the project's own CVE allowlist, as a form.
 */
export const PREVENT_SEVERITIES = ['none', 'low', 'medium', 'high', 'critical'] as const;

export interface ScanConfigValues {
  autoScan: boolean;
  autoSbom: boolean;
  preventVul: boolean;
  /** One of PREVENT_SEVERITIES; low when unset, as core reads it. */
  severity: string;
  /** reuse_sys_cve_allowlist: true or unset (Harbor's default) follows the system's list. */
  reuseSystemAllowlist: boolean;
  allowlist: AllowlistValues;
}

type ProjectWithAllowlist = Project & { cve_allowlist?: { items?: { cve_id: string }[]; expires_at?: number | null } | null };

const flag = (metadata: Record<string, string> | undefined, key: string, fallback: boolean) =>
  metadata?.[key] === undefined ? fallback : metadata[key] === 'true';

export function scanConfigOf(project: ProjectWithAllowlist): ScanConfigValues {
  const m = project.metadata;
  const severity = (m?.severity ?? 'low').toLowerCase();
  return {
    autoScan: flag(m, 'auto_scan', false),
    autoSbom: flag(m, 'auto_sbom_generation', false),
    preventVul: flag(m, 'prevent_vul', false),
    severity: (PREVENT_SEVERITIES as readonly string[]).includes(severity) ? severity : 'low',
    reuseSystemAllowlist: flag(m, 'reuse_sys_cve_allowlist', true),
    allowlist: allowlistValuesOf({ items: project.cve_allowlist?.items ?? [], expires_at: project.cve_allowlist?.expires_at ?? null }),
  };
}

/** The metadata keys the form sets. */
export function scanMetadata(v: ScanConfigValues): Record<string, string> {
  return {
    auto_scan: String(v.autoScan),
    auto_sbom_generation: String(v.autoSbom),
    prevent_vul: String(v.preventVul),
    severity: v.severity,
    reuse_sys_cve_allowlist: String(v.reuseSystemAllowlist),
  };
}

/** The project's own list as core wants it (sent whether used or not: it is kept for when the project stops following the system's). */
export function projectAllowlist(v: ScanConfigValues) {
  return allowlistOf(v.allowlist);
}

export function sameScanConfig(a: ScanConfigValues, b: ScanConfigValues): boolean {
  return JSON.stringify(scanMetadata(a)) === JSON.stringify(scanMetadata(b)) && JSON.stringify(projectAllowlist(a)) === JSON.stringify(projectAllowlist(b));
}

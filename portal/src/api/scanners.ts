import { V2 } from './berth';
import { api, type ApiClient } from './client';
import { fetchPage, fuzzyQuery, type PageRequest } from './paging';

/** Harbor's scanner authorizations (docs/scanning.md): none, Basic (user:password), Bearer (a token), an API key header. */
export const SCANNER_AUTHS = ['', 'Basic', 'Bearer', 'X-ScannerAdapter-API-Key'] as const;
export type ScannerAuth = (typeof SCANNER_AUTHS)[number];

/** What core answers for a stored credential: the credential itself is never sent back; sent back, it keeps the stored one. */
export const CREDENTIAL_MASK = '*****';

/** Harbor's ScannerRegistration as core answers it; adapter, vendor, version and health only where core asked the adapter. */
export interface Scanner {
  uuid: string;
  name: string;
  description?: string;
  url: string;
  disabled: boolean;
  is_default: boolean;
  auth: string;
  access_credential?: string | null;
  skip_certVerify: boolean;
  use_internal_addr: boolean;
  create_time?: string;
  update_time?: string;
  adapter?: string | null;
  vendor?: string | null;
  version?: string | null;
  health?: 'healthy' | 'unhealthy' | null;
}

/** Harbor's ScannerRegistrationReq (POST, PUT: a field left out keeps its value) and ScannerRegistrationSettings (ping). */
export interface ScannerRequest {
  name?: string;
  description?: string;
  url?: string;
  auth?: string;
  access_credential?: string;
  skip_certVerify?: boolean;
  use_internal_addr?: boolean;
  disabled?: boolean;
}

/** The adapter's own GET /api/v1/metadata (Pluggable Scanner Adapter API), as core passes it on. */
export interface ScannerMetadata {
  scanner?: { name?: string; vendor?: string; version?: string };
  capabilities?: { type?: string; consumes_mime_types?: string[]; produces_mime_types?: string[] }[];
  properties?: Record<string, string>;
}

const base = `${V2}/scanners`;

/** /api/v2.0/scanners: scanner registrations, for system administrators. */
export const scannersApi = (client: ApiClient) => ({
  /** q=name=~…, by name. */
  list: (page: PageRequest, search: string) => fetchPage<Scanner>(client, base, page, { q: fuzzyQuery('name', search) }),
  create: (request: ScannerRequest) => client.post(base, request),
  update: (uuid: string, request: ScannerRequest) => client.put(`${base}/${encodeURIComponent(uuid)}`, request),
  /** 403 for the default registration: make another the default first. */
  remove: (uuid: string) => client.delete(`${base}/${encodeURIComponent(uuid)}`),
  setDefault: (uuid: string) => client.patch(`${base}/${encodeURIComponent(uuid)}`, { is_default: true }),
  /** 400 for the default registration: the default cannot be disabled. */
  setDisabled: (uuid: string, disabled: boolean) => client.put(`${base}/${encodeURIComponent(uuid)}`, { disabled }),
  /** The adapter's metadata; 502 with core's message when it does not answer. */
  metadata: (uuid: string) => client.get<ScannerMetadata>(`${base}/${encodeURIComponent(uuid)}/metadata`),
  /** 200 when the adapter answers its metadata as the spec says; else 400 with what came back. */
  ping: (request: ScannerRequest) => client.post(`${base}/ping`, request),
});

export const scanners = scannersApi(api);

const projectPath = (project: string) => `${V2}/projects/${encodeURIComponent(project)}/scanner`;
const byName = { headers: { 'X-Is-Resource-Name': 'true' } };

/** /api/v2.0/projects/{p}/scanner: the registration a project scans with (with the adapter's health), and its choice. */
export const projectScannerApi = (client: ApiClient) => ({
  /** 404 when the project chose none and there is no default. */
  get: (project: string) => client.get<Scanner>(projectPath(project), byName),
  set: (project: string, uuid: string) => client.request('PUT', projectPath(project), { ...byName, json: { uuid } }),
  /** The enabled registrations a project administrator may choose from. */
  candidates: (project: string, page: PageRequest) =>
    client.request<Scanner[]>('GET', `${projectPath(project)}/candidates`, {
      ...byName,
      query: { page: page.page, page_size: page.pageSize },
    }).then((r) => (Array.isArray(r.data) ? r.data : [])),
});

export const projectScanner = projectScannerApi(api);

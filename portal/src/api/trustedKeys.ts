import { V2 } from './berth';
import { api } from './client';
import { fetchPage, type PageRequest } from './paging';

export type TrustedKeyKind = 'cosign' | 'notation';

/** Berth's trusted key: an ECDSA P-256 public key (cosign) or an X.509 trust anchor (Notation), in PEM. */
export interface TrustedKey {
  id: number;
  kind: TrustedKeyKind;
  pem: string;
  /** SHA-256 (hex) of the DER key or certificate, set by Berth. */
  fingerprint: string;
  description?: string;
  creation_time?: string;
}

/** By the project's id: a name of digits only would be taken for an id without X-Is-Resource-Name. */
const path = (projectId: number) => `${V2}/projects/${projectId}/trusted-keys`;

/** /api/v2.0/projects/{p}/trusted-keys (Berth's own): members read, project administrators add and delete. */
export const trustedKeys = {
  list: (projectId: number, page: PageRequest) => fetchPage<TrustedKey>(api, path(projectId), page),
  /** 400 with the API's reason for a PEM it cannot use; 409 for a key the project has already. */
  add: (projectId: number, key: { kind: TrustedKeyKind; pem: string; description: string }) => api.post(path(projectId), key),
  remove: (projectId: number, id: number) => api.delete(`${path(projectId)}/${id}`),
};

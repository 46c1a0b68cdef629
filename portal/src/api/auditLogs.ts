import { V2 } from './berth';
import { api } from './client';
import { fetchPage, type PageRequest } from './paging';

/**
 * GET /api/v2.0/audit-logs: newest first, paged (page, page_size, X-Total-Count), filtered by Harbor's q
 * over the keys core accepts: username, operation, resource, resource_type, op_time, project, result.
 */
export interface AuditLog {
  id: number;
  username: string;
  resource: string;
  resource_type: string;
  operation: string;
  op_time: string;
  /** "success", or "failure: <why>" (failed logins). */
  result?: string | null;
  client_ip?: string | null;
  project?: string | null;
}

export const auditLogs = {
  list: (page: PageRequest, q: string | undefined) => fetchPage<AuditLog>(api, `${V2}/audit-logs`, page, { q }),
};

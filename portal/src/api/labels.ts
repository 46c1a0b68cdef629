import { V2 } from './berth';
import { api } from './client';
import { fetchPage, type PageRequest } from './paging';

/** Harbor's Label as core answers it: scope g (global, project_id 0) or p (a project's). */
export interface LabelData {
  id: number;
  name: string;
  description?: string;
  color?: string;
  scope: 'g' | 'p';
  project_id: number;
  creation_time?: string;
  update_time?: string;
}

/** Body of POST /labels (scope and project are fixed at creation) and of PUT /labels/{id} (name, description, color). */
export interface LabelChange {
  name: string;
  description: string;
  color: string;
}

/** /api/v2.0/labels: global labels are a system administrator's to manage; everyone signed in sees them. */
export const labels = {
  /** scope=g and name (a part of it, in any case): this list takes no q. By name. */
  listGlobal: (page: PageRequest, search: string) =>
    fetchPage<LabelData>(api, `${V2}/labels`, page, { scope: 'g', name: search.trim() || undefined }),
  createGlobal: (label: LabelChange) => api.post(`${V2}/labels`, { ...label, scope: 'g' }),
  update: (id: number, label: LabelChange) => api.put(`${V2}/labels/${id}`, label),
  /** Takes the label off every artifact too. */
  remove: (id: number) => api.delete(`${V2}/labels/${id}`),
};

import { V2 } from './berth';
import { api } from './client';
import { fetchPage, type PageRequest } from './paging';

/** Harbor's immutable tag rules of a project (/projects/{p}/immutabletagrules), with Berth's regex kind beside doublestar. */
export type SelectorKind = 'doublestar' | 'regex';

export interface ImmutableSelector {
  kind: SelectorKind;
  decoration: string;
  pattern: string;
}

export interface ImmutableRule {
  id?: number;
  priority?: number;
  disabled: boolean;
  action: 'immutable';
  template: 'immutable_template';
  tag_selectors: ImmutableSelector[];
  scope_selectors: { repository: ImmutableSelector[] };
}

/** By the project's id: no name can be mistaken for one. */
const path = (projectId: number) => `${V2}/projects/${projectId}/immutabletagrules`;

export const immutableRules = {
  list: (projectId: number, page: PageRequest) => fetchPage<ImmutableRule>(api, path(projectId), page),
  create: (projectId: number, rule: ImmutableRule) => api.post(path(projectId), rule),
  setDisabled: (projectId: number, id: number, disabled: boolean) => api.put(`${path(projectId)}/${id}`, { disabled }),
  remove: (projectId: number, id: number) => api.delete(`${path(projectId)}/${id}`),
};

/** The rule a form describes: one repository selector and one tag selector, of one kind. */
export function ruleOf(form: { kind: SelectorKind; repoDecoration: string; repoPattern: string; tagDecoration: string; tagPattern: string }): ImmutableRule {
  return {
    disabled: false,
    action: 'immutable',
    template: 'immutable_template',
    tag_selectors: [{ kind: form.kind, decoration: form.tagDecoration, pattern: form.tagPattern.trim() }],
    scope_selectors: { repository: [{ kind: form.kind, decoration: form.repoDecoration, pattern: form.repoPattern.trim() }] },
  };
}

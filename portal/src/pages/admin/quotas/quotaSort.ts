import type { QuotaSort } from '../../../api/quotas';

/** The sortable columns of the quota table, and the API's key of each. */
export const SORT_COLUMNS = { used: 'used.storage', hard: 'hard.storage' } as const;
export type SortColumn = keyof typeof SORT_COLUMNS;

/** The ?sort= of the URL as a column and direction; anything else is the API's default order (null). */
export function parseSort(text: string | null): { column: SortColumn; direction: 'asc' | 'desc' } | null {
  const direction = text?.startsWith('-') ? 'desc' : 'asc';
  const key = text?.replace(/^-/, '');
  const column = (Object.keys(SORT_COLUMNS) as SortColumn[]).find((c) => SORT_COLUMNS[c] === key);
  return column ? { column, direction } : null;
}

/** The API's sort parameter for a column and direction. */
export function sortParameter(column: SortColumn, direction: 'asc' | 'desc'): QuotaSort {
  return `${direction === 'desc' ? '-' : ''}${SORT_COLUMNS[column]}` as QuotaSort;
}

import type { ApiClient } from './client';

/** Harbor's server paging: page from 1, page_size at most 100, the total in X-Total-Count. */
export const MAX_PAGE_SIZE = 100;
export const PAGE_SIZES = [10, 20, 50, 100];

export interface PageRequest {
  page: number;
  pageSize: number;
}

export interface PageOf<T> {
  items: T[];
  total: number;
}

/** The total a list response announces; without the header, what is known from this page. */
export function totalOf(header: string | null, request: PageRequest, itemsOnPage: number): number {
  if (header !== null && header.trim() !== '') {
    const n = Number(header);
    if (Number.isInteger(n) && n >= 0) {
      return n;
    }
  }
  return (request.page - 1) * request.pageSize + itemsOnPage;
}

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** A page number that exists for this total (after a delete emptied the last page, the one before it). */
export function clampPage(page: number, total: number, pageSize: number): number {
  return Math.min(Math.max(1, Math.floor(page)), pageCount(total, pageSize));
}

/** A page size the API accepts. */
export function clampPageSize(size: number): number {
  if (!Number.isFinite(size) || size < 1) {
    return PAGE_SIZES[0];
  }
  return Math.min(Math.floor(size), MAX_PAGE_SIZE);
}

/**
 * Harbor's fuzzy query for a search box: q=name=~<text>. Characters the q grammar uses as separators
 * (',' between conditions, brackets and braces for ranges and sets) cannot appear in names and are dropped.
 */
export function fuzzyQuery(key: string, text: string): string | undefined {
  const cleaned = text.replace(/[,[\]{}]/g, '').trim();
  return cleaned === '' ? undefined : `${key}=~${cleaned}`;
}

/** One page of a list endpoint. */
export async function fetchPage<T>(
  client: ApiClient,
  path: string,
  request: PageRequest,
  query: Record<string, string | undefined> = {},
): Promise<PageOf<T>> {
  const response = await client.request<T[]>('GET', path, {
    query: { ...query, page: request.page, page_size: clampPageSize(request.pageSize) },
  });
  const items = Array.isArray(response.data) ? response.data : [];
  return { items, total: totalOf(response.headers.get('X-Total-Count'), request, items.length) };
}

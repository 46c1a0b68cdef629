import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { clampPage, clampPageSize, type PageOf, type PageRequest } from '../api/paging';

export interface PagedList<T> {
  items: T[];
  total: number;
  loading: boolean;
  error: unknown;
  page: number;
  pageSize: number;
  search: string;
  setPage(page: number): void;
  setPageSize(size: number): void;
  setSearch(text: string): void;
  reload(): void;
}

/**
 * A server-paged list whose page, page size and search text live in the URL (?page=&page_size=&q=),
 * so that a link or the back button shows the same page. Nothing is loaded but the page shown.
 */
export function usePagedList<T>(fetcher: (page: PageRequest, search: string) => Promise<PageOf<T>>, key: string): PagedList<T> {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Math.floor(Number(params.get('page'))) || 1);
  const pageSize = clampPageSize(Number(params.get('page_size')) || 10);
  const search = params.get('q') ?? '';
  const [reloads, setReloads] = useState(0);
  const [state, setState] = useState<{ items: T[]; total: number; loading: boolean; error: unknown }>({
    items: [],
    total: 0,
    loading: true,
    error: null,
  });
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;

  const update = useCallback(
    (change: Record<string, string | undefined>) => {
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [k, v] of Object.entries(change)) {
            if (v === undefined || v === '') {
              next.delete(k);
            } else {
              next.set(k, v);
            }
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  useEffect(() => {
    let cancelled = false;
    setState((s) => ({ ...s, loading: true, error: null }));
    fetcherRef.current({ page, pageSize }, search).then(
      (result) => {
        if (cancelled) {
          return;
        }
        const last = clampPage(page, result.total, pageSize);
        if (result.items.length === 0 && page > last) {
          // the page emptied (a delete, or a link to a page that is gone): show the last one there is
          update({ page: last === 1 ? undefined : String(last) });
          return;
        }
        setState({ items: result.items, total: result.total, loading: false, error: null });
      },
      (error) => {
        if (!cancelled) {
          setState({ items: [], total: 0, loading: false, error });
        }
      },
    );
    return () => {
      cancelled = true;
    };
  }, [page, pageSize, search, reloads, key, update]);

  return {
    ...state,
    page,
    pageSize,
    search,
    setPage: (p) => update({ page: p <= 1 ? undefined : String(p) }),
    setPageSize: (s) => update({ page_size: String(clampPageSize(s)), page: undefined }),
    setSearch: (text) => update({ q: text, page: undefined }),
    reload: () => setReloads((n) => n + 1),
  };
}

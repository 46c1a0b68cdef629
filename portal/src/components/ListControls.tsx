import { useEffect, useState, type ReactNode } from 'react';
import { Pagination, SearchInput, Toolbar, ToolbarContent, ToolbarItem } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { PAGE_SIZES } from '../api/paging';
import type { PagedList } from './usePagedList';

/** The search box (applied as the user types, after a pause) and the pager above a list. */
export function ListToolbar<T>({ list, searchLabel, actions }: { list: PagedList<T>; searchLabel?: string; actions?: ReactNode }) {
  const [text, setText] = useState(list.search);
  useEffect(() => setText(list.search), [list.search]);
  useEffect(() => {
    if (text === list.search) {
      return;
    }
    const timer = window.setTimeout(() => list.setSearch(text), 300);
    return () => window.clearTimeout(timer);
  }, [text, list]);
  return (
    <Toolbar>
      <ToolbarContent>
        {searchLabel && (
          <ToolbarItem>
            <SearchInput
              aria-label={searchLabel}
              placeholder={searchLabel}
              value={text}
              onChange={(_e, value) => setText(value)}
              onSearch={(_e, value) => list.setSearch(value)}
              onClear={() => {
                setText('');
                list.setSearch('');
              }}
            />
          </ToolbarItem>
        )}
        {actions}
        <ToolbarItem variant="pagination" align={{ default: 'alignEnd' }}>
          <ListPagination list={list} compact />
        </ToolbarItem>
      </ToolbarContent>
    </Toolbar>
  );
}

export function ListPagination<T>({ list, compact }: { list: PagedList<T>; compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <Pagination
      itemCount={list.total}
      page={list.page}
      perPage={list.pageSize}
      perPageOptions={PAGE_SIZES.map((n) => ({ title: String(n), value: n }))}
      onSetPage={(_e, p) => list.setPage(p)}
      onPerPageSelect={(_e, size) => list.setPageSize(size)}
      isCompact={compact}
      variant={compact ? 'top' : 'bottom'}
      titles={{
        items: t('paging.items'),
        page: t('paging.page'),
        pages: t('paging.pages'),
        itemsPerPage: t('paging.itemsPerPage'),
        perPageSuffix: t('paging.perPageSuffix'),
        ofWord: t('paging.of'),
        toFirstPageAriaLabel: t('paging.first'),
        toPreviousPageAriaLabel: t('paging.previous'),
        toNextPageAriaLabel: t('paging.next'),
        toLastPageAriaLabel: t('paging.last'),
        currPageAriaLabel: t('paging.current'),
        paginationAriaLabel: t('paging.label'),
      }}
    />
  );
}

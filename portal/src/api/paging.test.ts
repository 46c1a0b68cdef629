import { describe, expect, it } from 'vitest';
import { ApiClient } from './client';
import { clampPage, clampPageSize, fetchPage, fuzzyQuery, pageCount, totalOf } from './paging';

describe('paging', () => {
  it('reads the total from X-Total-Count', () => {
    expect(totalOf('1234', { page: 1, pageSize: 10 }, 10)).toBe(1234);
    expect(totalOf('0', { page: 1, pageSize: 10 }, 0)).toBe(0);
  });
  it('without a usable header, counts what it has seen', () => {
    expect(totalOf(null, { page: 3, pageSize: 10 }, 4)).toBe(24);
    expect(totalOf('many', { page: 1, pageSize: 10 }, 7)).toBe(7);
    expect(totalOf('-1', { page: 1, pageSize: 10 }, 7)).toBe(7);
  });
  it('counts pages, at least one', () => {
    expect(pageCount(0, 10)).toBe(1);
    expect(pageCount(10, 10)).toBe(1);
    expect(pageCount(11, 10)).toBe(2);
    expect(pageCount(10000, 100)).toBe(100);
  });
  it('moves back to the last page there is', () => {
    expect(clampPage(5, 41, 10)).toBe(5);
    expect(clampPage(5, 40, 10)).toBe(4);
    expect(clampPage(3, 0, 10)).toBe(1);
    expect(clampPage(0, 50, 10)).toBe(1);
  });
  it('keeps page sizes within what the API takes (1 to 100)', () => {
    expect(clampPageSize(20)).toBe(20);
    expect(clampPageSize(500)).toBe(100);
    expect(clampPageSize(0)).toBe(10);
    expect(clampPageSize(Number.NaN)).toBe(10);
  });
  it('builds Harbor fuzzy queries and drops the q grammar\'s separators', () => {
    expect(fuzzyQuery('name', '  lib ')).toBe('name=~lib');
    expect(fuzzyQuery('name', 'a,b')).toBe('name=~ab');
    expect(fuzzyQuery('name', '{x}[y]')).toBe('name=~xy');
    expect(fuzzyQuery('name', ' , ')).toBeUndefined();
    expect(fuzzyQuery('tags', '')).toBeUndefined();
  });
  it('asks for one page and returns its items and the total', async () => {
    const urls: string[] = [];
    const client = new ApiClient(async (url) => {
      urls.push(url);
      return new Response('[{"name":"a"},{"name":"b"}]', { status: 200, headers: { 'Content-Type': 'application/json', 'X-Total-Count': '52' } });
    });
    const page = await fetchPage<{ name: string }>(client, '/api/v2.0/projects', { page: 6, pageSize: 10 }, { q: 'name=~a' });
    expect(page).toEqual({ items: [{ name: 'a' }, { name: 'b' }], total: 52 });
    expect(urls[0]).toBe('/api/v2.0/projects?q=name%3D%7Ea&page=6&page_size=10');
  });
});

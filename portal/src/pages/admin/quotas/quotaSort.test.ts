import { describe, expect, it } from 'vitest';
import { parseSort, sortParameter } from './quotaSort';

describe('the quota table\'s order', () => {
  it('reads Harbor\'s sort keys from the URL', () => {
    expect(parseSort('-used.storage')).toEqual({ column: 'used', direction: 'desc' });
    expect(parseSort('hard.storage')).toEqual({ column: 'hard', direction: 'asc' });
    expect(parseSort(null)).toBeNull();
    expect(parseSort('name')).toBeNull();
    expect(parseSort('-')).toBeNull();
  });

  it('writes them back', () => {
    expect(sortParameter('used', 'desc')).toBe('-used.storage');
    expect(sortParameter('hard', 'asc')).toBe('hard.storage');
  });
});

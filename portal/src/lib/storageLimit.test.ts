import { describe, expect, it } from 'vitest';
import { limitBytes, limitForm, MAX_LIMIT_BYTES, usageLevel, usagePercent } from './storageLimit';

const GiB = 1024 ** 3;

describe('a storage limit in a form', () => {
  it('shows bytes in the largest unit, -1 as unlimited', () => {
    expect(limitForm(-1)).toEqual({ unlimited: true, amount: '', unit: 'GiB' });
    expect(limitForm(undefined)).toEqual({ unlimited: true, amount: '', unit: 'GiB' });
    expect(limitForm(10 * GiB)).toEqual({ unlimited: false, amount: '10', unit: 'GiB' });
    expect(limitForm(1.5 * GiB)).toEqual({ unlimited: false, amount: '1.5', unit: 'GiB' });
    expect(limitForm(2 * 1024 * GiB)).toEqual({ unlimited: false, amount: '2', unit: 'TiB' });
    expect(limitForm(512 * 1024 ** 2)).toEqual({ unlimited: false, amount: '512', unit: 'MiB' });
    expect(limitForm(0)).toEqual({ unlimited: false, amount: '0', unit: 'MiB' });
  });

  it('gives bytes back, -1 when unlimited or -1 is typed', () => {
    expect(limitBytes({ unlimited: false, amount: '10', unit: 'GiB' })).toBe(10 * GiB);
    expect(limitBytes({ unlimited: false, amount: ' 1.5 ', unit: 'GiB' })).toBe(1.5 * GiB);
    expect(limitBytes({ unlimited: false, amount: '0', unit: 'MiB' })).toBe(0);
    expect(limitBytes({ unlimited: true, amount: '10', unit: 'GiB' })).toBe(-1);
    expect(limitBytes({ unlimited: false, amount: '-1', unit: 'TiB' })).toBe(-1);
    expect(limitBytes({ unlimited: false, amount: '1024', unit: 'TiB' })).toBe(MAX_LIMIT_BYTES);
  });

  it('refuses what is not a size from 0 to 1024 TiB', () => {
    for (const amount of ['', 'ten', '-2', '-0.5', '1e3', '1,5', '1025']) {
      expect(limitBytes({ unlimited: false, amount, unit: 'TiB' }), amount).toBeNull();
    }
  });
});

describe('a quota\'s usage', () => {
  it('is a percentage of the hard limit, none when unlimited', () => {
    expect(usagePercent(5 * GiB, 10 * GiB)).toBe(50);
    expect(usagePercent(5 * GiB, -1)).toBe(0);
    expect(usagePercent(1, 0)).toBe(100);
    expect(usagePercent(0, 0)).toBe(0);
  });

  it('warns from 85 % and is full from 100 %', () => {
    expect(usageLevel(84, 100)).toBe('ok');
    expect(usageLevel(85, 100)).toBe('warning');
    expect(usageLevel(100, 100)).toBe('full');
    expect(usageLevel(130, 100)).toBe('full');
    expect(usageLevel(10 ** 15, -1)).toBe('ok');
  });
});

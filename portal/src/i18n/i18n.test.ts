import { describe, expect, it } from 'vitest';
import { ROLES } from '../api/types';
import { ROBOT_ACCESS, pairOf } from '../lib/robotPermissions';
import { initialLanguage } from './index';
import en from './en.json';
import zhCN from './zh-CN.json';

type Tree = { [key: string]: string | Tree };

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keys(v, `${prefix}${k}.`)));
}

function value(tree: Tree, key: string): string | undefined {
  // keys may contain dots of their own (robots.access.repository:pull has none, but be safe)
  let node: string | Tree | undefined = tree;
  const parts = key.split('.');
  for (let i = 0; i < parts.length; i++) {
    if (typeof node !== 'object') {
      return undefined;
    }
    node = node[parts[i]];
  }
  return typeof node === 'string' ? node : undefined;
}

/** The portal's source files (not the tests), as text. */
const sources = import.meta.glob<string>(['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts', '!../**/*.test.tsx', '!../**/recordingClient.ts'], { query: '?raw', import: 'default', eager: true });

const enKeys = keys(en as Tree).sort();
const zhKeys = keys(zhCN as Tree).sort();

describe('the two languages', () => {
  it('have the same keys', () => {
    expect(zhKeys.filter((k) => !enKeys.includes(k))).toEqual([]);
    expect(enKeys.filter((k) => !zhKeys.includes(k))).toEqual([]);
  });

  it('have the same placeholders in each string', () => {
    const placeholders = (s: string) => (s.match(/\{\{\s*\w+\s*\}\}/g) ?? []).map((p) => p.replace(/\s/g, '')).sort();
    const differ = enKeys.filter((k) => JSON.stringify(placeholders(value(en as Tree, k)!)) !== JSON.stringify(placeholders(value(zhCN as Tree, k)!)));
    expect(differ).toEqual([]);
  });

  it('translate every string (only the pager\'s optional words may be empty)', () => {
    const allowedEmpty = ['paging.items', 'paging.page'];
    expect(enKeys.filter((k) => value(en as Tree, k) === '' && !allowedEmpty.includes(k))).toEqual([]);
    expect(zhKeys.filter((k) => value(zhCN as Tree, k) === '' && !allowedEmpty.includes(k))).toEqual([]);
  });
});

describe('every key the code uses', () => {
  const code = Object.values(sources).join('\n');

  it('exists, for literal t(\'…\') calls', () => {
    const used = new Set([...code.matchAll(/\bt\(\s*'([a-zA-Z][\w.-]*)'/g)].map((m) => m[1]));
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((k) => value(en as Tree, k) === undefined)).toEqual([]);
  });

  it('exists, for the validation reasons the forms show', () => {
    const reasons = new Set([...code.matchAll(/'(validation\.\w+)'/g)].map((m) => m[1]));
    expect(reasons.size).toBeGreaterThan(5);
    expect([...reasons].filter((k) => value(en as Tree, k) === undefined)).toEqual([]);
  });

  it('exists, for roles and robot permissions', () => {
    const dynamic = [...ROLES.map((r) => `roles.${r.key}`), ...ROBOT_ACCESS.map((a) => `robots.access.${pairOf(a)}`)];
    expect(dynamic.filter((k) => value(en as Tree, k) === undefined)).toEqual([]);
  });
});

describe('the first language', () => {
  it('is the saved one, else Chinese for a Chinese browser, else English', () => {
    expect(initialLanguage('zh-CN', ['en-US'])).toBe('zh-CN');
    expect(initialLanguage('en', ['zh-CN'])).toBe('en');
    expect(initialLanguage(null, ['zh-TW', 'en'])).toBe('zh-CN');
    expect(initialLanguage('fr', ['fr-FR'])).toBe('en');
  });
});

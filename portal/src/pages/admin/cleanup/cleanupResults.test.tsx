import { beforeAll, describe, expect, it } from 'vitest';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import en from '../../../i18n/en.json';
import zhCN from '../../../i18n/zh-CN.json';
import type { JobRun } from '../../../api/execHistory';
import { GcHistoryTable } from './gc/GcHistoryTable';
import { ScrubHistoryTable } from './scrub/ScrubTab';

/** The runs tables of GC (with the orphan sweep) and the scrub, rendered to HTML by React in the portal's real i18n. */
beforeAll(async () => {
  await i18n.use(initReactI18next).init({
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    lng: 'en',
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    nsSeparator: false,
  });
});

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ');

const run = (id: number, parameters: object, report: Record<string, number>): JobRun => ({
  id,
  job_kind: 'MANUAL',
  job_parameters: JSON.stringify(parameters),
  job_status: 'Success',
  creation_time: '2026-12-07T10:00:00Z',
  update_time: '2026-12-07T10:01:00Z',
  report,
});

describe('the garbage-collection runs', () => {
  it('show the orphan sweep and what it deleted only when the report has it', () => {
    const html = text(
      renderToStaticMarkup(
        <GcHistoryTable
          runs={[
            run(2, { workers: 1, sweep_orphans: true, time_window: 2 }, { blobs_deleted: 1, bytes_freed: 3000, orphans_deleted: 4, orphan_bytes_freed: 2048 }),
            run(1, { workers: 1 }, { blobs_deleted: 1, bytes_freed: 1000 }),
          ]}
          loading={false}
          onChanged={() => {}}
        />,
      ),
    );
    expect(html).toContain('orphan sweep');
    expect(html).toContain('4 orphans deleted (2.00 KiB)');
    expect(html.match(/orphans deleted/g)).toHaveLength(1);
  });
});

describe('the scrub runs', () => {
  it('show the rate, blobs and bytes checked, and blobs quarantined', () => {
    const html = text(
      renderToStaticMarkup(
        <ScrubHistoryTable
          runs={[run(5, { rate_limit: 20 }, { blobs_checked: 12, bytes_checked: 5_000_000, blobs_quarantined: 1, failures: 2, skipped_busy: 0 })]}
          loading={false}
          onChanged={() => {}}
        />,
      ),
    );
    expect(html).toContain('20 MB/s');
    expect(html).toMatch(/12 blobs checked \(.+\), 1 quarantined; 2 unreadable/);
    expect(html).not.toContain('held by a push');
  });
});

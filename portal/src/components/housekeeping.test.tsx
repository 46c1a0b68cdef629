import { beforeAll, describe, expect, it } from 'vitest';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import en from '../i18n/en.json';
import zhCN from '../i18n/zh-CN.json';
import { scheduledJob, type JobRun } from '../api/execHistory';
import { recordingClient, response } from '../api/recordingClient';
import { limitForm } from '../lib/storageLimit';
import { RunHistoryTable } from '../pages/admin/cleanup/RunHistoryTable';
import { QuotaBar } from './QuotaBar';
import { StorageLimitField } from './StorageLimitField';

const GiB = 1024 ** 3;

/** The components rendered to HTML by React itself (no DOM needed), in the portal's real i18n. */
beforeAll(async () => {
  await i18n.use(initReactI18next).init({
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    lng: 'en',
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    nsSeparator: false,
  });
});

/** The text a reader sees: tags dropped, the entities React writes decoded. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe('the quota bar', () => {
  it('shows used against the hard limit, as a progress bar', () => {
    const html = renderToStaticMarkup(<QuotaBar used={1 * GiB} hard={4 * GiB} label="Storage used by p" />);
    expect(html).toContain('role="progressbar"');
    expect(html).toContain('aria-valuenow="25"');
    expect(html).toContain('aria-label="Storage used by p"');
    expect(html).not.toContain('aria-labelledby');
    expect(html).toContain('aria-valuetext="1.00 GiB of 4.00 GiB · 25 %"');
    expect(html).not.toContain('pf-m-warning');
    expect(html).not.toContain('pf-m-danger');
  });

  it('turns amber from 85 % and red when full, never drawing past 100 %', () => {
    expect(renderToStaticMarkup(<QuotaBar used={90} hard={100} label="x" />)).toContain('pf-m-warning');
    const over = renderToStaticMarkup(<QuotaBar used={150} hard={100} label="x" />);
    expect(over).toContain('pf-m-danger');
    expect(over).toContain('aria-valuenow="100"');
    expect(text(over)).toContain('150 %');
  });

  it('is the bytes used alone without a limit, "of unlimited" where asked', () => {
    const plain = renderToStaticMarkup(<QuotaBar used={2048} hard={-1} label="x" />);
    expect(plain).not.toContain('progressbar');
    expect(text(plain).trim()).toBe('2.00 KiB');
    expect(text(renderToStaticMarkup(<QuotaBar used={2048} hard={undefined} label="x" showUnlimited />))).toContain('2.00 KiB of unlimited');
  });

  it('speaks Chinese', async () => {
    await i18n.changeLanguage('zh-CN');
    try {
      expect(text(renderToStaticMarkup(<QuotaBar used={0} hard={-1} label="x" showUnlimited />))).toContain('0 B / 不限制');
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});

describe('the storage limit field', () => {
  it('has a number, a unit and an unlimited box; unlimited disables the number and unit', () => {
    const limited = renderToStaticMarkup(<StorageLimitField id="l" form={limitForm(10 * GiB)} onChange={() => {}} />);
    expect(limited).toMatch(/id="l-amount"[^>]*value="10"|value="10"[^>]*id="l-amount"/);
    expect(limited).toMatch(/<option[^>]*value="GiB"[^>]*selected|<option[^>]*selected[^>]*value="GiB"/);
    expect(limited).toContain('MiB');
    expect(limited).toContain('TiB');
    const unlimited = renderToStaticMarkup(<StorageLimitField id="l" form={limitForm(-1)} onChange={() => {}} />);
    expect(unlimited).toMatch(/<input[^>]*id="l-unlimited"[^>]*checked/);
    expect(unlimited).toMatch(/<input[^>]*disabled[^>]*id="l-amount"|<input[^>]*id="l-amount"[^>]*disabled/);
  });

  it('tells, where asked, that a limit left alone is the system\'s default', () => {
    const html = renderToStaticMarkup(<StorageLimitField id="l" form={limitForm(-1)} hint="quota.defaultHint" onChange={() => {}} />);
    expect(text(html)).toContain(en.quota.defaultHint);
    expect(text(renderToStaticMarkup(<StorageLimitField id="l" form={limitForm(-1)} onChange={() => {}} />))).toContain(en.quota.limitHint);
  });

  it('says what is wrong with an amount', () => {
    const wrong = renderToStaticMarkup(<StorageLimitField id="l" form={{ unlimited: false, amount: '2000', unit: 'TiB' }} onChange={() => {}} />);
    expect(text(wrong)).toContain(en.quota.limitRange);
    expect(wrong).toContain('aria-invalid="true"');
  });
});

describe('the runs of a scheduled job', () => {
  const run = (id: number, status: JobRun['job_status'], kind: JobRun['job_kind'] = 'MANUAL'): JobRun => ({
    id,
    job_kind: kind,
    job_parameters: '{}',
    job_status: status,
    creation_time: '2026-12-07T10:00:00Z',
    update_time: '2026-12-07T10:00:00Z',
  });
  const job = scheduledJob(recordingClient(() => response(200, '')).client, '/api/v2.0/system/purgeaudit');

  it('show each run\'s status, the job\'s own cells, a log button, and a stop only while it runs', () => {
    const html = renderToStaticMarkup(
      <RunHistoryTable
        id="purge"
        job={job}
        runs={[run(2, 'Running', 'SCHEDULE'), run(1, 'Success')]}
        loading={false}
        onChanged={() => {}}
        parameters={(r) => `params of ${r.id}`}
        result={(r) => `result of ${r.id}`}
        logTitle={(id) => `log ${id}`}
        stopTitle="stop?"
        stopBody={() => 'body'}
      />,
    );
    expect(html).toContain('data-testid="purge-run-2"');
    expect(html).toContain('data-testid="purge-run-1"');
    const [, running, done] = html.split('data-testid="purge-run-');
    expect(text(running)).toContain('2 · scheduled');
    expect(text(running)).toContain('Running');
    expect(text(running)).toContain('params of 2');
    expect(text(running)).toContain('result of 2');
    expect(running).toContain('aria-label="Stop run 2"');
    expect(running).toContain('aria-label="Log of run 2"');
    expect(text(done)).toContain('1 · by hand');
    expect(text(done)).toContain('Succeeded');
    expect(done).not.toContain('Stop run');
  });
});

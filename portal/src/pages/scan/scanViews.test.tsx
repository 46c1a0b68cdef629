import { beforeAll, describe, expect, it } from 'vitest';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import en from '../../i18n/en.json';
import zhCN from '../../i18n/zh-CN.json';
import type { ScanOverview } from '../../api/scanning';
import { SbomSection } from './SbomSection';
import { ScanSummary } from './ScanSummary';

/** The scan summary of an artifact row and the SBOM tab, rendered to HTML by React in the portal's real i18n. */
beforeAll(async () => {
  await i18n.use(initReactI18next).init({
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    lng: 'en',
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    nsSeparator: false,
  });
});

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
const overview = (o: Partial<ScanOverview>): ScanOverview => ({ report_id: 'r1', scan_status: 'Success', ...o });

describe('an artifact\'s scan summary', () => {
  it('says what a scan is doing, or that the artifact was never scanned', () => {
    expect(text(renderToStaticMarkup(<ScanSummary overview={null} digest="sha256:a" />))).toBe('Not scanned');
    expect(text(renderToStaticMarkup(<ScanSummary overview={overview({ scan_status: 'Running', complete_percent: 40 })} digest="sha256:a" />))).toBe('Scanning 40%');
    expect(text(renderToStaticMarkup(<ScanSummary overview={overview({ scan_status: 'Error' })} digest="sha256:a" />))).toBe('Scan failed');
    expect(text(renderToStaticMarkup(<ScanSummary overview={overview({ summary: { total: 0, summary: {} } })} digest="sha256:a" />))).toBe('No vulnerabilities');
  });

  it('counts the findings per severity worst first, with the total and the fixable', () => {
    const html = renderToStaticMarkup(
      <ScanSummary overview={overview({ severity: 'High', summary: { total: 3, fixable: 2, summary: { Unknown: 1, High: 1, Medium: 1 } } })} digest="sha256:a" />,
    );
    expect(text(html)).toBe('High 1 Medium 1 Unknown 1 3 in all, 2 fixable');
    expect(html).toContain('data-testid="scan-status-sha256:a"');
  });

  it('speaks Chinese', async () => {
    await i18n.changeLanguage('zh-CN');
    try {
      expect(text(renderToStaticMarkup(<ScanSummary overview={overview({ summary: { total: 1, fixable: 0, summary: { Critical: 1 } } })} digest="d" />))).toBe(
        '危急 1 共 1 个，0 个可修复',
      );
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});

describe('the SBOM tab', () => {
  it('gives the SBOM accessory\'s digest and the command that downloads it', () => {
    const html = text(
      renderToStaticMarkup(
        <SbomSection
          project="p"
          repository="a/b"
          overview={{ scan_status: 'Success', sbom_digest: 'sha256:5b0m', scanner: { name: 'Berth', version: '1' } }}
          location={{ host: 'berth.example:8080', secure: false }}
        />,
      ),
    );
    expect(html).toContain('SBOM generated');
    expect(html).toContain('Berth 1');
    expect(html).toContain('skopeo copy docker://berth.example:8080/p/a/b@sha256:5b0m oci:sbom');
  });

  it('says there is none before an SBOM scan', () => {
    expect(text(renderToStaticMarkup(<SbomSection project="p" repository="r" overview={{}} />))).toContain('No SBOM yet');
  });
});

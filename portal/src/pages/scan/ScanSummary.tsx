import { Label, LabelGroup, Spinner } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import type { SbomOverview, ScanOverview } from '../../api/scanning';
import { isScanning, severityColor, severityCounts } from './severity';

/** An artifact's vulnerability overview in a cell: its status while scanning or failed, else the findings per severity. */
export function ScanSummary({ overview, digest }: { overview: ScanOverview | null; digest: string }) {
  const { t } = useTranslation();
  if (!overview) {
    return <span className="pf-v6-u-color-200">{t('scan.notScanned')}</span>;
  }
  if (isScanning(overview.scan_status)) {
    return (
      <span data-testid={`scan-status-${digest}`}>
        <Spinner size="sm" aria-hidden className="pf-v6-u-mr-xs" />
        {t(`scan.status.${overview.scan_status}`)}
        {overview.complete_percent ? ` ${overview.complete_percent}%` : ''}
      </span>
    );
  }
  if (overview.scan_status !== 'Success') {
    return (
      <Label color={overview.scan_status === 'Error' ? 'red' : 'grey'} isCompact data-testid={`scan-status-${digest}`}>
        {t(`scan.status.${overview.scan_status}`)}
      </Label>
    );
  }
  const counts = severityCounts(overview);
  const total = overview.summary?.total ?? 0;
  const fixable = overview.summary?.fixable ?? 0;
  if (counts.length === 0) {
    return (
      <Label color="green" isCompact data-testid={`scan-status-${digest}`}>
        {t('scan.noVulnerabilities')}
      </Label>
    );
  }
  return (
    <div data-testid={`scan-status-${digest}`}>
      <LabelGroup numLabels={4} aria-label={t('scan.summaryOf', { digest })}>
        {counts.map((c) => (
          <Label key={c.severity} color={severityColor(c.severity)} isCompact>
            {t('scan.countOf', { count: c.count, severity: t(`scan.severity.${c.severity}`) })}
          </Label>
        ))}
      </LabelGroup>
      <div className="pf-v6-u-font-size-xs pf-v6-u-color-200">{t('scan.totals', { total, fixable })}</div>
    </div>
  );
}

/** An artifact's SBOM overview: its status, or that one was generated. */
export function SbomStatus({ overview }: { overview: SbomOverview | null | undefined }) {
  const { t } = useTranslation();
  if (!overview?.scan_status) {
    return null;
  }
  if (isScanning(overview.scan_status)) {
    return (
      <Label isCompact color="blue">
        {t('scan.sbomRunning')}
      </Label>
    );
  }
  return (
    <Label isCompact color={overview.scan_status === 'Success' ? 'purple' : 'red'}>
      {overview.scan_status === 'Success' ? t('scan.sbomReady') : t('scan.sbomFailed', { status: t(`scan.status.${overview.scan_status}`) })}
    </Label>
  );
}

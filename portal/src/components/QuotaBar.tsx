import { Progress, ProgressMeasureLocation, ProgressSize, ProgressVariant } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../lib/format';
import { usageLevel, usagePercent } from '../lib/storageLimit';
import './QuotaBar.css';

const VARIANT = { ok: undefined, warning: ProgressVariant.warning, full: ProgressVariant.danger } as const;

/**
 * Storage used against a hard limit: a bar ("1.2 GiB of 10 GiB · 12 %"), amber from 85 %, red when full. Without a
 * limit (-1 or unknown) it is the bytes used, and "of unlimited" when `showUnlimited`.
 */
export function QuotaBar({ used, hard, label, showUnlimited }: { used: number; hard: number | undefined | null; label: string; showUnlimited?: boolean }) {
  const { t } = useTranslation();
  if (hard === undefined || hard === null || hard < 0) {
    return (
      <span data-testid="quota-usage">{showUnlimited ? t('quota.ofUnlimited', { used: formatBytes(used) }) : formatBytes(used)}</span>
    );
  }
  const percent = usagePercent(used, hard);
  const text = t('quota.percent', { percent: Math.round(percent), text: t('quota.ofLimit', { used: formatBytes(used), hard: formatBytes(hard) }) });
  // no title: the bar is named by `label` (a title would name it instead), and the figures are its measure
  return (
    <Progress
      data-testid="quota-bar"
      value={Math.min(100, percent)}
      aria-label={label}
      valueText={text}
      label={text}
      size={ProgressSize.sm}
      measureLocation={ProgressMeasureLocation.outside}
      hideStatusIcon
      className="berth-quota-bar"
      variant={VARIANT[usageLevel(used, hard)]}
    />
  );
}

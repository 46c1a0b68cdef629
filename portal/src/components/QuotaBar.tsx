import { Progress, ProgressMeasureLocation, ProgressSize, ProgressVariant } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../lib/format';
import { usageLevel, usagePercent } from '../lib/storageLimit';

const VARIANT = { ok: undefined, warning: ProgressVariant.warning, full: ProgressVariant.danger } as const;

/**
 * Storage used against a hard limit: a bar ("1.2 GiB of 10 GiB"), amber from 85 %, red when full. Without a
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
  const text = t('quota.ofLimit', { used: formatBytes(used), hard: formatBytes(hard) });
  return (
    <Progress
      data-testid="quota-bar"
      value={Math.min(100, percent)}
      title={text}
      aria-label={label}
      valueText={t('quota.percent', { percent: Math.round(percent), text })}
      label={`${Math.round(percent)} %`}
      size={ProgressSize.sm}
      measureLocation={ProgressMeasureLocation.outside}
      variant={VARIANT[usageLevel(used, hard)]}
    />
  );
}

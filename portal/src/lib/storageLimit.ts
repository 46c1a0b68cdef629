/** Storage limits as a form holds them (a number and a unit, or unlimited) and as the API takes them (bytes, -1). */
export const UNLIMITED = -1;
export const LIMIT_UNITS = { MiB: 1024 ** 2, GiB: 1024 ** 3, TiB: 1024 ** 4 } as const;
export type LimitUnit = keyof typeof LIMIT_UNITS;
/** Harbor's portal allows up to 1024 TiB. */
export const MAX_LIMIT_BYTES = 1024 * LIMIT_UNITS.TiB;

export interface LimitForm {
  unlimited: boolean;
  /** As typed: a number, decimals allowed (1.5 GiB). */
  amount: string;
  unit: LimitUnit;
}

/** The form of a limit in bytes: the largest unit it is at least one of, to two decimals; -1 is unlimited. */
export function limitForm(bytes: number | undefined | null): LimitForm {
  if (bytes === undefined || bytes === null || bytes < 0) {
    return { unlimited: true, amount: '', unit: 'GiB' };
  }
  const unit = (['TiB', 'GiB', 'MiB'] as LimitUnit[]).find((u) => bytes >= LIMIT_UNITS[u]) ?? 'MiB';
  const amount = Math.round((bytes / LIMIT_UNITS[unit]) * 100) / 100;
  return { unlimited: false, amount: String(amount), unit };
}

/**
 * The bytes a form says (-1 when unlimited), or null when the amount is not a number from 0 to 1024 TiB.
 * Typing -1 means unlimited too, as in Harbor's portal.
 */
export function limitBytes(form: LimitForm): number | null {
  if (form.unlimited) {
    return UNLIMITED;
  }
  const text = form.amount.trim();
  if (text === '-1') {
    return UNLIMITED;
  }
  if (!/^\d+(\.\d+)?$/.test(text)) {
    return null;
  }
  const bytes = Math.round(Number(text) * LIMIT_UNITS[form.unit]);
  return bytes <= MAX_LIMIT_BYTES ? bytes : null;
}

/** How full a quota is, in percent (0 when unlimited; above 100 when over). */
export function usagePercent(used: number, hard: number): number {
  if (hard < 0) {
    return 0;
  }
  if (hard === 0) {
    return used > 0 ? 100 : 0;
  }
  return (used / hard) * 100;
}

/** Harbor warns at 85 % of a quota (QUOTA_WARNING) and refuses beyond 100 %. */
export const WARNING_PERCENT = 85;

export function usageLevel(used: number, hard: number): 'ok' | 'warning' | 'full' {
  if (hard < 0) {
    return 'ok';
  }
  const percent = usagePercent(used, hard);
  return percent >= 100 ? 'full' : percent >= WARNING_PERCENT ? 'warning' : 'ok';
}

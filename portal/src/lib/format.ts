/** Sizes and times as the tables show them. */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined || bytes === null || !Number.isFinite(bytes) || bytes < 0) {
    return '';
  }
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(value < 10 ? 2 : 1)} ${units[unit]}`;
}

export function formatTime(iso: string | undefined, locale: string): string {
  if (!iso) {
    return '';
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime()) || date.getTime() <= 0) {
    return '';
  }
  return date.toLocaleString(locale);
}

export function shortDigest(digest: string): string {
  const colon = digest.indexOf(':');
  return colon < 0 ? digest.slice(0, 12) : digest.slice(0, colon + 13);
}

export function platformText(p: { os?: string; architecture?: string; variant?: string } | undefined): string {
  if (!p) {
    return '';
  }
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}

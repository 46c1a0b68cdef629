/**
 * Label colours: Harbor's palette (what its portal offers, so labels look alike in both), and how a
 * label of any colour a client stored is drawn: its colour as background, black or white text, whichever
 * reads better (WCAG contrast), and a border when the colour is too close to white to stand out on a light page.
 */
export const LABEL_COLORS = [
  '#000000', '#61717D', '#737373', '#80746D', '#FFFFFF', '#A9B6BE', '#DDDDDD', '#BBB3A9',
  '#0065AB', '#343DAC', '#781DA0', '#9B0D54', '#0095D3', '#9DA3DB', '#BE90D6', '#F1428A',
  '#1D5100', '#006668', '#006690', '#004A70', '#48960C', '#00AB9A', '#00B7D6', '#0081A7',
  '#C92100', '#CD3517', '#C25400', '#D28F00', '#F52F52', '#FF5501', '#F57600', '#FFDC0B',
] as const;

export const DEFAULT_LABEL_COLOR = '#0065AB';

const DARK_TEXT = '#000000';
const LIGHT_TEXT = '#FFFFFF';

/** The colour as [r, g, b] (0 to 255) when it is #RGB or #RRGGBB, else null. */
export function parseHex(color: string | undefined): [number, number, number] | null {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec((color ?? '').trim());
  if (!m) {
    return null;
  }
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** WCAG relative luminance of an sRGB colour, 0 (black) to 1 (white). */
export function luminance([r, g, b]: [number, number, number]): number {
  const channel = (v: number) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrast(a: number, b: number): number {
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

export interface ChipColors {
  background: string;
  text: string;
  /** A light colour needs an outline on a light page. */
  bordered: boolean;
}

/** How to draw a label of this colour; null for a colour that is not #RGB or #RRGGBB (drawn in the default grey). */
export function chipColors(color: string | undefined): ChipColors | null {
  const rgb = parseHex(color);
  if (!rgb) {
    return null;
  }
  const l = luminance(rgb);
  const dark = luminance(parseHex(DARK_TEXT)!);
  const text = contrast(l, dark) >= contrast(l, 1) ? DARK_TEXT : LIGHT_TEXT;
  return { background: (color ?? '').trim().toUpperCase(), text, bordered: contrast(l, 1) < 1.5 };
}

/** The palette, with a colour a label already has that is not in it (set by another client) first. */
export function colorChoices(current: string): string[] {
  const known = LABEL_COLORS.some((c) => c.toLowerCase() === current.toLowerCase());
  return known || current === '' ? [...LABEL_COLORS] : [current, ...LABEL_COLORS];
}

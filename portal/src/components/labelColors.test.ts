import { describe, expect, it } from 'vitest';
import { LABEL_COLORS, chipColors, colorChoices, contrast, luminance, parseHex } from './labelColors';

describe('label colours', () => {
  it('are read from #RGB and #RRGGBB only', () => {
    expect(parseHex('#0065AB')).toEqual([0, 101, 171]);
    expect(parseHex('#fff')).toEqual([255, 255, 255]);
    expect(parseHex(' #00ab9a ')).toEqual([0, 171, 154]);
    expect(parseHex('')).toBeNull();
    expect(parseHex(undefined)).toBeNull();
    expect(parseHex('red')).toBeNull();
    expect(parseHex('#12345')).toBeNull();
    expect(parseHex('url(x)')).toBeNull();
    expect(parseHex('#0065AB;background:red')).toBeNull();
  });

  it('measure luminance and contrast as WCAG does', () => {
    expect(luminance([0, 0, 0])).toBe(0);
    expect(luminance([255, 255, 255])).toBeCloseTo(1);
    expect(contrast(1, 0)).toBeCloseTo(21);
  });

  it('get the text colour that reads better, at least 4.5:1 on every colour of the palette', () => {
    expect(chipColors('#000000')).toEqual({ background: '#000000', text: '#FFFFFF', bordered: false });
    expect(chipColors('#ffdc0b')).toEqual({ background: '#FFDC0B', text: '#000000', bordered: true });
    expect(chipColors('#0095D3')).toEqual({ background: '#0095D3', text: '#000000', bordered: false });
    expect(chipColors('#FFFFFF')?.bordered).toBe(true);
    expect(chipColors('#DDDDDD')?.bordered).toBe(true);
    expect(chipColors('#A9B6BE')?.bordered).toBe(false);
    for (const color of LABEL_COLORS) {
      const c = chipColors(color)!;
      const ratio = contrast(luminance(parseHex(c.background)!), luminance(parseHex(c.text)!));
      expect(ratio, color).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('leave a colour that is not hex to the default look', () => {
    expect(chipColors('')).toBeNull();
    expect(chipColors('blue')).toBeNull();
  });

  it('offer the palette, and keep a colour set elsewhere as a choice', () => {
    expect(LABEL_COLORS).toHaveLength(32);
    expect(new Set(LABEL_COLORS).size).toBe(32);
    expect(colorChoices('#0065ab')).toEqual([...LABEL_COLORS]);
    expect(colorChoices('')).toEqual([...LABEL_COLORS]);
    expect(colorChoices('#123456')).toEqual(['#123456', ...LABEL_COLORS]);
  });
});

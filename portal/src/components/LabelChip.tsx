import type { CSSProperties } from 'react';
import { Label } from '@patternfly/react-core';
import { chipColors } from './labelColors';

/**
 * A label (Harbor's global or project label) as PatternFly draws labels, in the label's own colour: its
 * name as text, its description as the tooltip. A colour that is not hex is drawn in the default grey.
 * The colours are set through the DOM's style object (CSSOM), which the portal's CSP allows.
 */
export function LabelChip({
  name,
  color,
  description,
  isCompact,
  onClose,
  closeBtnAriaLabel,
}: {
  name: string;
  color?: string;
  description?: string;
  isCompact?: boolean;
  onClose?: () => void;
  closeBtnAriaLabel?: string;
}) {
  const colors = chipColors(color);
  const style = colors
    ? ({
        '--pf-v6-c-label--BackgroundColor': colors.background,
        '--pf-v6-c-label--Color': colors.text,
        '--pf-v6-c-label__icon--Color': colors.text,
        ...(colors.bordered
          ? { '--pf-v6-c-label--BorderWidth': 'var(--pf-t--global--border--width--regular)', '--pf-v6-c-label--BorderColor': 'var(--pf-t--global--border--color--default)' }
          : {}),
      } as CSSProperties)
    : undefined;
  return (
    <Label
      color="grey"
      isCompact={isCompact}
      style={style}
      title={description || undefined}
      onClose={onClose}
      closeBtnAriaLabel={closeBtnAriaLabel}
      data-color={colors?.background}
    >
      {name}
    </Label>
  );
}

import { useState } from 'react';
import { MenuToggle, Select, SelectList, SelectOption } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { LabelChip } from '../../../components/LabelChip';
import { colorChoices } from '../../../components/labelColors';

/** The label's colour, from Harbor's palette; each choice shows the label as it will look. */
export function ColorSelect({ id, value, sample, onChange }: { id: string; value: string; sample: string; onChange: (color: string) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const text = sample.trim() || t('adminLabels.sample');
  return (
    <Select
      isOpen={open}
      selected={value}
      onSelect={(_e, color) => {
        onChange(String(color));
        setOpen(false);
      }}
      onOpenChange={setOpen}
      shouldFocusToggleOnSelect
      isScrollable
      maxMenuHeight="20rem"
      toggle={(ref) => (
        <MenuToggle ref={ref} id={id} onClick={() => setOpen(!open)} isExpanded={open} isFullWidth>
          <LabelChip name={text} color={value} isCompact /> <span className="berth-mono pf-v6-u-ml-sm">{value || t('adminLabels.noColor')}</span>
        </MenuToggle>
      )}
    >
      <SelectList aria-label={t('adminLabels.color')}>
        {colorChoices(value).map((color) => (
          <SelectOption key={color} value={color}>
            <LabelChip name={text} color={color} isCompact /> <span className="berth-mono pf-v6-u-ml-sm">{color}</span>
          </SelectOption>
        ))}
      </SelectList>
    </Select>
  );
}

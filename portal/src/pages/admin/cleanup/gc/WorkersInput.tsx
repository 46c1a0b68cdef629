import { NumberInput } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { MAX_WORKERS } from './gcForm';

/** 1 to MAX_WORKERS parallel deletes. */
export function WorkersInput({ id, value, onChange }: { id: string; value: number; onChange: (workers: number) => void }) {
  const { t } = useTranslation();
  const clamp = (n: number) => Math.min(MAX_WORKERS, Math.max(1, n));
  return (
    <NumberInput
      id={id}
      inputName={id}
      inputAriaLabel={t('adminGc.workers')}
      minusBtnAriaLabel={t('adminGc.fewerWorkers')}
      plusBtnAriaLabel={t('adminGc.moreWorkers')}
      value={value}
      min={1}
      max={MAX_WORKERS}
      onMinus={() => onChange(clamp(value - 1))}
      onPlus={() => onChange(clamp(value + 1))}
      onChange={(e) => onChange(clamp(Number((e.target as HTMLInputElement).value) || 1))}
    />
  );
}

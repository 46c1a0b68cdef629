import { useState, type ReactNode } from 'react';
import { Button, Tooltip } from '@patternfly/react-core';
import CopyIcon from '@patternfly/react-icons/dist/esm/icons/copy-icon';
import { useTranslation } from 'react-i18next';
import { copyText } from './clipboard';

/** A button that copies `text`; shows the text (or children) when given, else only the icon. */
export function CopyButton({ text, label, children }: { text: string; label: string; children?: ReactNode }) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    setState((await copyText(text)) ? 'copied' : 'failed');
    window.setTimeout(() => setState('idle'), 2000);
  };
  const tip = state === 'copied' ? t('common.copied') : state === 'failed' ? t('common.copyFailed') : label;
  return (
    <Tooltip content={tip} aria="none" aria-live="polite">
      <Button
        variant={children ? 'link' : 'plain'}
        isInline={!!children}
        icon={<CopyIcon />}
        iconPosition="end"
        aria-label={label}
        onClick={copy}
        data-copied={state === 'copied' ? 'true' : undefined}
      >
        {children}
      </Button>
    </Tooltip>
  );
}

import { CodeBlock, CodeBlockAction, CodeBlockCode } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { CopyButton } from './CopyButton';

/** Shell commands, one per line, with a copy button. */
export function CommandBlock({ lines, label }: { lines: string[]; label?: string }) {
  const { t } = useTranslation();
  const text = lines.join('\n');
  return (
    <CodeBlock
      actions={
        <CodeBlockAction>
          <CopyButton text={text} label={label ?? t('common.copyCommands')} />
        </CodeBlockAction>
      }
    >
      <CodeBlockCode>{text}</CodeBlockCode>
    </CodeBlock>
  );
}

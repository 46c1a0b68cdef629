import { Alert } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { messageOf } from '../api/errors';

/** An API error, as the message the API returned. */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  if (!error) {
    return null;
  }
  return (
    <Alert variant="danger" isInline title={title ?? t('common.error')} className="pf-v6-u-mb-md" role="alert">
      {messageOf(error)}
    </Alert>
  );
}

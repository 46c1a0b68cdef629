import { useCallback, useEffect, useState } from 'react';
import { Bullseye, Button, Modal, ModalBody, ModalFooter, ModalHeader, Spinner } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './ErrorAlert';
import './LogDialog.css';

/** A log (plain text from the API) in a dialog, shown as text in a <pre>, never as HTML; it can be read again. */
export function LogDialog({ title, load, onClose }: { title: string; load: () => Promise<string>; onClose: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);

  const read = useCallback(() => {
    setLoading(true);
    setError(null);
    load().then(
      (log) => {
        setText(log ?? '');
        setLoading(false);
      },
      (e) => {
        setError(e);
        setLoading(false);
      },
    );
    // load is a new function on every render of the caller: the dialog reads once, and again on demand
  }, []);
  useEffect(read, [read]);

  return (
    <Modal isOpen variant="large" onClose={onClose} aria-labelledby="log-dialog-title">
      <ModalHeader title={title} labelId="log-dialog-title" />
      <ModalBody>
        <ErrorAlert error={error} />
        {text === null && loading ? (
          <Bullseye>
            <Spinner aria-label={t('common.loading')} />
          </Bullseye>
        ) : (
          text !== null && (
            <pre className="berth-mono berth-log" data-testid="log-text" tabIndex={0} aria-label={title}>
              {text === '' ? t('logDialog.empty') : text}
            </pre>
          )
        )}
      </ModalBody>
      <ModalFooter>
        <Button variant="secondary" onClick={read} isLoading={loading} isDisabled={loading}>
          {t('logDialog.reload')}
        </Button>
        <Button variant="link" onClick={onClose}>
          {t('common.close')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}

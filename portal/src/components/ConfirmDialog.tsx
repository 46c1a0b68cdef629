import type { ReactNode } from 'react';
import { Button, Modal, ModalBody, ModalFooter, ModalHeader } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './ErrorAlert';
import { useSubmit } from './useSubmit';

/** "Are you sure?" for destructive actions; a refusal from the API stays in the dialog with its message. */
export function ConfirmDialog(props: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { busy, error, run } = useSubmit();
  const confirm = () => run(props.onConfirm, props.onClose);
  return (
    <Modal isOpen variant="small" onClose={props.onClose} aria-labelledby="confirm-title" aria-describedby="confirm-body">
      <ModalHeader title={props.title} labelId="confirm-title" titleIconVariant="warning" />
      <ModalBody id="confirm-body">
        <ErrorAlert error={error} />
        {props.children}
      </ModalBody>
      <ModalFooter>
        <Button variant="danger" onClick={confirm} isLoading={busy} isDisabled={busy}>
          {props.confirmLabel}
        </Button>
        <Button variant="link" onClick={props.onClose}>
          {t('common.cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}

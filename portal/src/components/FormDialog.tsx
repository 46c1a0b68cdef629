import type { FormEvent, ReactNode } from 'react';
import { Button, Form, Modal, ModalBody, ModalFooter, ModalHeader, type ModalProps } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './ErrorAlert';
import { useSubmit } from './useSubmit';

export interface FormDialogProps {
  title: string;
  /** The header's id, which labels the dialog. */
  titleId: string;
  /** A line under the title. */
  description?: ReactNode;
  /** The form's id, which the footer's submit button names. */
  formId: string;
  submitLabel: string;
  /** False while the form is invalid: the submit button is disabled and Enter does nothing. */
  canSubmit: boolean;
  /** The API call (and what follows it); throws when the API refuses, and its message stays in the dialog. */
  onSubmit: () => Promise<void>;
  onClose: () => void;
  /** Close (onClose) after a successful submit; false when success leads elsewhere (e.g. navigates). */
  closeOnSuccess?: boolean;
  variant?: ModalProps['variant'];
  /** An error from outside the submit (e.g. loading the form's choices), shown until a submit starts. */
  error?: unknown;
  /** Shown under the error, above the form. */
  notice?: ReactNode;
  /** More footer buttons, between the submit and Cancel buttons. */
  footerExtra?: ReactNode;
  /** data-testid of the submit button. */
  submitTestId?: string;
  /** The form's fields. */
  children: ReactNode;
}

/**
 * A form in a modal: the header, the API's error, the form, and a footer with the submit button (disabled
 * while invalid or busy, loading while busy) and Cancel. It owns the submit's busy and error state.
 */
export function FormDialog(props: FormDialogProps) {
  const { t } = useTranslation();
  const { busy, error, run } = useSubmit();
  const { canSubmit, onSubmit, onClose, closeOnSuccess = true } = props;

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!canSubmit || busy) {
      return;
    }
    await run(onSubmit, closeOnSuccess ? onClose : undefined);
  };

  return (
    <Modal isOpen variant={props.variant ?? 'small'} onClose={onClose} aria-labelledby={props.titleId}>
      <ModalHeader title={props.title} labelId={props.titleId} description={props.description} />
      <ModalBody>
        <ErrorAlert error={error ?? (busy ? null : props.error)} />
        {props.notice}
        <Form id={props.formId} onSubmit={submit}>
          {props.children}
        </Form>
      </ModalBody>
      <ModalFooter>
        <Button type="submit" form={props.formId} isDisabled={!canSubmit || busy} isLoading={busy} data-testid={props.submitTestId}>
          {props.submitLabel}
        </Button>
        {props.footerExtra}
        <Button variant="link" onClick={onClose}>
          {t('common.cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}

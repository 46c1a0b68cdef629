import { Alert, Button, Form, FormGroup, Modal, ModalBody, ModalFooter, ModalHeader, TextInput } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../../components/CopyButton';

/** A new policy's signing secret, shown this once, with a copy button. */
export function WebhookSecretDialog({ name, secret, onClose }: { name: string; secret: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal isOpen variant="medium" onClose={onClose} aria-labelledby="webhook-secret-title">
      <ModalHeader title={t('webhooks.secretTitle', { name })} labelId="webhook-secret-title" />
      <ModalBody>
        <Alert variant="warning" isInline title={t('webhooks.secretOnce')} className="pf-v6-u-mb-md" />
        <Form>
          <FormGroup label={t('webhooks.secret')} fieldId="webhook-secret-value">
            <div className="pf-v6-u-display-flex">
              <TextInput id="webhook-secret-value" value={secret} readOnlyVariant="default" className="berth-mono" />
              <CopyButton text={secret} label={t('webhooks.copySecret')} />
            </div>
          </FormGroup>
        </Form>
      </ModalBody>
      <ModalFooter>
        <Button variant="primary" onClick={onClose}>
          {t('common.close')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}

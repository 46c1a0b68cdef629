import { Alert, Button, Form, FormGroup, Modal, ModalBody, ModalFooter, ModalHeader, TextInput } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../components/CopyButton';
import { secretFile } from '../../lib/robotPermissions';

/** A robot account's secret, as creating it or refreshing its secret returns it. */
export interface RobotSecret {
  id: number;
  name: string;
  secret: string;
  creation_time?: string;
  expires_at: number;
}

/** The secret, shown this once: copy it or save it as JSON. */
export function RobotSecretDialog({ secret, onClose }: { secret: RobotSecret; onClose: () => void }) {
  const { t } = useTranslation();
  const download = () => {
    const url = URL.createObjectURL(new Blob([secretFile(secret)], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${secret.name}.json`;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    window.setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <Modal isOpen variant="medium" onClose={onClose} aria-labelledby="robot-secret-title">
      <ModalHeader title={t('robots.secretTitle')} labelId="robot-secret-title" />
      <ModalBody>
        <Alert variant="warning" isInline title={t('robots.secretOnce')} className="pf-v6-u-mb-md" />
        <Form>
          <FormGroup label={t('robots.name')} fieldId="robot-secret-name">
            <TextInput id="robot-secret-name" value={secret.name} readOnlyVariant="default" />
          </FormGroup>
          <FormGroup label={t('robots.secret')} fieldId="robot-secret-value">
            <div className="pf-v6-u-display-flex">
              <TextInput id="robot-secret-value" value={secret.secret} readOnlyVariant="default" className="berth-mono" />
              <CopyButton text={secret.secret} label={t('robots.copySecret')} />
            </div>
          </FormGroup>
        </Form>
      </ModalBody>
      <ModalFooter>
        <Button variant="secondary" onClick={download}>
          {t('robots.download')}
        </Button>
        <Button variant="primary" onClick={onClose}>
          {t('common.close')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}

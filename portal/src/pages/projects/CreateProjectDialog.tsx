import { useState, type FormEvent } from 'react';
import {
  Button,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  Radio,
  TextInput,
} from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { projects } from '../../api/berth';
import { links } from '../../app/routes';
import { ErrorAlert } from '../../components/ErrorAlert';
import { projectName } from '../../lib/validation';

/** POST /api/v2.0/projects {project_name, metadata.public}; the name is checked as it is typed. */
export function CreateProjectDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [isPublic, setPublic] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const problem = projectName(name);
  const shown = name === '' ? null : problem;

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (problem) {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await projects.create(name, isPublic);
      navigate(links.project(name));
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <Modal isOpen variant="small" onClose={onClose} aria-labelledby="create-project-title">
      <ModalHeader title={t('projects.createTitle')} labelId="create-project-title" />
      <ModalBody>
        <ErrorAlert error={error} />
        <Form id="create-project-form" onSubmit={submit}>
          <FormGroup label={t('projects.name')} isRequired fieldId="project-name">
            <TextInput
              id="project-name"
              value={name}
              onChange={(_e, v) => setName(v)}
              validated={shown ? 'error' : 'default'}
              aria-describedby="project-name-help"
              autoFocus
            />
            <FormHelperText>
              <HelperText id="project-name-help">
                <HelperTextItem variant={shown ? 'error' : 'default'}>{t(shown ?? 'validation.nameHint')}</HelperTextItem>
              </HelperText>
            </FormHelperText>
          </FormGroup>
          <FormGroup role="radiogroup" isInline fieldId="project-access" label={t('projects.access')}>
            <Radio id="project-private" name="project-access" label={t('projects.private')} description={t('projects.privateHint')} isChecked={!isPublic} onChange={() => setPublic(false)} />
            <Radio id="project-public" name="project-access" label={t('projects.public')} description={t('projects.publicHint')} isChecked={isPublic} onChange={() => setPublic(true)} />
          </FormGroup>
        </Form>
      </ModalBody>
      <ModalFooter>
        <Button type="submit" form="create-project-form" isDisabled={!!problem || busy} isLoading={busy}>
          {t('common.create')}
        </Button>
        <Button variant="link" onClick={onClose}>
          {t('common.cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}

import { useState } from 'react';
import { ActionGroup, Alert, Button, Checkbox, Form, FormGroup } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { projects } from '../../api/berth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSubmit } from '../../components/useSubmit';
import type { ProjectContext } from './ProjectPage';

/**
 * The project's settings that Berth acts on: whether anyone may pull from it. (Scanning, content trust
 * and the rest come with their features: core refuses them until then, so they are not offered here.)
 */
export function ConfigurationTab({ project, may, reloadProject }: ProjectContext) {
  const { t } = useTranslation();
  const stored = project.metadata?.public === 'true';
  const [isPublic, setPublic] = useState(stored);
  const { busy, error, run } = useSubmit({ stayOpen: true });
  const [saved, setSaved] = useState(false);
  const editable = may('updateProject');
  const save = async () => {
    setSaved(false);
    await run(async () => {
      await projects.updateMetadata(project.name, { public: String(isPublic) });
      setSaved(true);
      reloadProject();
    });
  };
  return (
    <>
      <ErrorAlert error={error} />
      {saved && <Alert variant="success" isInline isPlain title={t('configuration.saved')} className="pf-v6-u-mb-md" />}
      <Form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <FormGroup role="group" label={t('configuration.access')} fieldId="config-public">
          <Checkbox
            id="config-public"
            label={t('configuration.public')}
            description={t('configuration.publicHelp')}
            isChecked={isPublic}
            isDisabled={!editable}
            onChange={(_e, checked) => {
              setPublic(checked);
              setSaved(false);
            }}
          />
        </FormGroup>
        {editable && (
          <ActionGroup>
            <Button type="submit" isDisabled={busy || isPublic === stored} isLoading={busy}>
              {t('configuration.save')}
            </Button>
          </ActionGroup>
        )}
      </Form>
    </>
  );
}

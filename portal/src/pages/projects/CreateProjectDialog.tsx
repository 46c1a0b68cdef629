import { useState } from 'react';
import { FormGroup, Radio, TextInput } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { projects } from '../../api/berth';
import { links } from '../../app/routes';
import { FieldHelp } from '../../components/FieldHelp';
import { FormDialog } from '../../components/FormDialog';
import { StorageLimitField } from '../../components/StorageLimitField';
import { limitBytes, limitForm, type LimitForm } from '../../lib/storageLimit';
import { projectName } from '../../lib/validation';
import { ProxyCacheField } from './ProxyCacheField';

/**
 * POST /api/v2.0/projects {project_name, metadata.public, storage_limit}; the name is checked as it is typed.
 * Only a system administrator sets the storage limit (as in Harbor); shown as -1, unlimited, and sent only once
 * changed, so that a project left alone gets the system's default (core.storage_per_project). A system
 * administrator may make it a proxy cache of a registry endpoint (registry_id; for the project's whole life).
 */
export function CreateProjectDialog({ sysadmin, onClose }: { sysadmin: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [isPublic, setPublic] = useState(false);
  const [limit, setLimit] = useState<LimitForm>(limitForm(-1));
  // sent only once changed: left alone, the project gets core.storage_per_project (unlimited unless configured)
  const [limitChanged, setLimitChanged] = useState(false);
  const [registryId, setRegistryId] = useState<number | null>(null);
  const storageLimit = sysadmin && limitChanged ? limitBytes(limit) : undefined;
  const problem = projectName(name);
  const shown = name === '' ? null : problem;

  return (
    <FormDialog
      title={t('projects.createTitle')}
      titleId="create-project-title"
      formId="create-project-form"
      submitLabel={t('common.create')}
      canSubmit={!problem && storageLimit !== null && (!limitChanged || limit.unlimited || limit.amount.trim() !== '')}
      onSubmit={async () => {
        await projects.create(name, isPublic, storageLimit ?? undefined, registryId ?? undefined);
        navigate(links.project(name));
      }}
      closeOnSuccess={false}
      onClose={onClose}
    >
      <FormGroup label={t('projects.name')} isRequired fieldId="project-name">
        <TextInput
          id="project-name"
          value={name}
          onChange={(_e, v) => setName(v)}
          validated={shown ? 'error' : 'default'}
          aria-describedby="project-name-help"
          autoFocus
        />
        <FieldHelp id="project-name-help" problem={shown} hint="validation.nameHint" />
      </FormGroup>
      <FormGroup role="radiogroup" isInline fieldId="project-access" label={t('projects.access')}>
        <Radio id="project-private" name="project-access" label={t('projects.private')} description={t('projects.privateHint')} isChecked={!isPublic} onChange={() => setPublic(false)} />
        <Radio id="project-public" name="project-access" label={t('projects.public')} description={t('projects.publicHint')} isChecked={isPublic} onChange={() => setPublic(true)} />
      </FormGroup>
      {sysadmin && <ProxyCacheField registryId={registryId} onChange={setRegistryId} />}
      {sysadmin && (
        <StorageLimitField
          id="project-storage-limit"
          form={limit}
          hint={limitChanged ? undefined : 'quota.defaultHint'}
          onChange={(form) => {
            setLimit(form);
            setLimitChanged(true);
          }}
        />
      )}
    </FormDialog>
  );
}

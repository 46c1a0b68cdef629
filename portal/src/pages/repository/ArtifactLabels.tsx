import { useState } from 'react';
import { LabelGroup, MenuToggle, Select, SelectList, SelectOption } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { artifacts, labels as labelsApi } from '../../api/berth';
import type { Artifact, LabelItem } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LabelChip } from '../../components/LabelChip';

/** An artifact's labels; those who may label it add one of the project's or the global labels, or remove one. */
export function ArtifactLabels(props: {
  project: string;
  projectId: number;
  repository: string;
  artifact: Artifact;
  editable: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const { project, repository, artifact, editable, onChanged } = props;
  const [open, setOpen] = useState(false);
  const [available, setAvailable] = useState<LabelItem[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const attached = artifact.labels ?? [];
  const change = async (call: () => Promise<unknown>) => {
    setError(null);
    try {
      await call();
      onChanged();
    } catch (e) {
      setError(e);
    }
  };
  const toggle = () => {
    if (!open && available === null) {
      labelsApi.forProject(props.projectId).then(setAvailable, setError);
    }
    setOpen(!open);
  };
  const choices = (available ?? []).filter((l) => !attached.some((a) => a.id === l.id));
  return (
    <>
      <ErrorAlert error={error} />
      <LabelGroup numLabels={10} aria-label={t('artifactDetails.labels')}>
        {attached.length === 0 && <span className="pf-v6-u-color-200">{t('artifactDetails.noLabels')}</span>}
        {attached.map((l) => (
          <LabelChip
            key={l.id}
            name={l.name}
            color={l.color}
            description={l.description}
            onClose={editable ? () => change(() => artifacts.removeLabel(project, repository, artifact.digest, l.id)) : undefined}
            closeBtnAriaLabel={t('artifactDetails.removeLabel', { name: l.name })}
          />
        ))}
      </LabelGroup>
      {editable && (
        <Select
          isOpen={open}
          onOpenChange={setOpen}
          onSelect={(_e, value) => {
            setOpen(false);
            void change(() => artifacts.addLabel(project, repository, artifact.digest, Number(value)));
          }}
          toggle={(ref) => (
            <MenuToggle ref={ref} size="sm" variant="secondary" onClick={toggle} isExpanded={open} className="pf-v6-u-mt-sm">
              {t('artifactDetails.addLabel')}
            </MenuToggle>
          )}
        >
          <SelectList aria-label={t('artifactDetails.addLabel')}>
            {available === null && <SelectOption isDisabled>{t('common.loading')}</SelectOption>}
            {available !== null && choices.length === 0 && <SelectOption isDisabled>{t('artifactDetails.noMoreLabels')}</SelectOption>}
            {choices.map((l) => (
              <SelectOption key={l.id} value={l.id} description={l.description || undefined}>
                {l.name}
              </SelectOption>
            ))}
          </SelectList>
        </Select>
      )}
    </>
  );
}

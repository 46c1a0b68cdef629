import { Button, Modal, ModalBody, ModalFooter, ModalHeader, Title } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import type { Artifact } from '../../api/types';
import { CommandBlock } from '../../components/CommandBlock';
import { currentLocation, pullCommands } from '../../lib/pullCommands';
import { PullRefusalAlert } from './SignatureStatus';

/** The docker, podman and ctr commands that pull an artifact, by digest and by each of its first ten tags. */
export function PullCommandDialog({
  project,
  repository,
  artifact,
  metadata,
  onClose,
}: {
  project: string;
  repository: string;
  artifact: Artifact;
  /** The project's metadata: its content-trust policies. */
  metadata: Record<string, string> | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const location = currentLocation();
  return (
    <Modal isOpen variant="medium" onClose={onClose} aria-labelledby="pull-title">
      <ModalHeader title={t('artifacts.pullTitle')} labelId="pull-title" />
      <ModalBody>
        <PullRefusalAlert artifact={artifact} metadata={metadata} />
        <Title headingLevel="h3" size="md" className="pf-v6-u-mb-sm">
          {t('artifacts.byDigest')}
        </Title>
        {pullCommands(location, project, repository, artifact.digest).map((c) => (
          <div key={c.client} className="pf-v6-u-mb-sm">
            <CommandBlock lines={[c.command]} label={t('artifacts.copyPull', { client: c.client, ref: artifact.digest })} />
          </div>
        ))}
        {(artifact.tags ?? []).slice(0, 10).map((tag) => (
          <div key={tag.name}>
            <Title headingLevel="h3" size="md" className="pf-v6-u-mt-md pf-v6-u-mb-sm">
              {t('artifacts.byTag', { tag: tag.name })}
            </Title>
            {pullCommands(location, project, repository, tag.name).map((c) => (
              <div key={c.client} className="pf-v6-u-mb-sm">
                <CommandBlock lines={[c.command]} label={t('artifacts.copyPull', { client: c.client, ref: tag.name })} />
              </div>
            ))}
          </div>
        ))}
      </ModalBody>
      <ModalFooter>
        <Button onClick={onClose}>{t('common.close')}</Button>
      </ModalFooter>
    </Modal>
  );
}

import {
  Bullseye,
  EmptyState,
  Label,
  Spinner,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useTranslation } from 'react-i18next';
import { artifacts } from '../../api/berth';
import type { Artifact } from '../../api/types';
import { CopyButton } from '../../components/CopyButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLoaded, type Loaded } from '../../components/useLoaded';
import { formatBytes, formatTime, shortDigest } from '../../lib/format';

/** What each section of an unfolded artifact is given. */
export interface SectionProps {
  project: string;
  repository: string;
  artifact: Artifact;
}

/** The spinner, the API's error, or an empty state while a section's one call is not answered with rows. */
function Pending<T>({ loaded, empty }: { loaded: Loaded<T[]>; empty: string }) {
  const { t } = useTranslation();
  if (loaded.loading) {
    return (
      <Bullseye className="pf-v6-u-p-md">
        <Spinner size="lg" aria-label={t('common.loading')} />
      </Bullseye>
    );
  }
  if (loaded.error) {
    return <ErrorAlert error={loaded.error} />;
  }
  return loaded.data && loaded.data.length === 0 ? <EmptyState titleText={empty} headingLevel="h3" variant="xs" /> : null;
}

const ACCESSORY_TYPES: Record<string, string> = {
  'signature.cosign': 'artifactDetails.cosign',
  'signature.notation': 'artifactDetails.notation',
  'harbor.sbom': 'artifactDetails.sbom',
};

export function Accessories({ project, repository, artifact }: SectionProps) {
  const { t, i18n } = useTranslation();
  const loaded = useLoaded(async () => (await artifacts.accessories(project, repository, artifact.digest, { page: 1, pageSize: 50 })).items, [
    artifact.digest,
  ]);
  return (
    <div className="pf-v6-u-pt-md">
      <Pending loaded={loaded} empty={t('artifactDetails.noAccessories')} />
      {loaded.data && loaded.data.length > 0 && (
        <Table aria-label={t('artifactDetails.accessories')} variant="compact">
          <Thead>
            <Tr>
              <Th>{t('artifactDetails.accessoryType')}</Th>
              <Th>{t('artifacts.digest')}</Th>
              <Th>{t('artifacts.size')}</Th>
              <Th visibility={['hidden', 'visibleOnMd']}>{t('artifacts.pushed')}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {loaded.data.map((a) => (
              <Tr key={a.digest}>
                <Td dataLabel={t('artifactDetails.accessoryType')}>
                  <Label isCompact color={a.type.startsWith('signature.') ? 'green' : 'purple'}>
                    {ACCESSORY_TYPES[a.type] ? t(ACCESSORY_TYPES[a.type]) : a.type}
                  </Label>
                </Td>
                <Td dataLabel={t('artifacts.digest')}>
                  <CopyButton text={a.digest} label={t('artifacts.copyDigest', { digest: shortDigest(a.digest) })}>
                    <span className="berth-mono">{shortDigest(a.digest)}</span>
                  </CopyButton>
                </Td>
                <Td dataLabel={t('artifacts.size')}>{formatBytes(a.size)}</Td>
                <Td dataLabel={t('artifacts.pushed')} visibility={['hidden', 'visibleOnMd']}>
                  {formatTime(a.creation_time, i18n.language)}
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </div>
  );
}

export function Layers({ project, repository, artifact }: SectionProps) {
  const { t } = useTranslation();
  const loaded = useLoaded(() => artifacts.layers(project, repository, artifact.digest), [artifact.digest]);
  return (
    <div className="pf-v6-u-pt-md">
      <Pending loaded={loaded} empty={t('artifactDetails.noLayers')} />
      {loaded.data && loaded.data.length > 0 && (
        <Table aria-label={t('artifactDetails.layers')} variant="compact">
          <Thead>
            <Tr>
              <Th>#</Th>
              <Th>{t('artifacts.digest')}</Th>
              <Th>{t('artifacts.size')}</Th>
              <Th visibility={['hidden', 'visibleOnMd']}>{t('artifacts.mediaType')}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {loaded.data.map((layer, i) => (
              <Tr key={`${layer.digest}-${i}`}>
                <Td dataLabel="#">{i + 1}</Td>
                <Td dataLabel={t('artifacts.digest')}>
                  <CopyButton text={layer.digest} label={t('artifacts.copyDigest', { digest: shortDigest(layer.digest) })}>
                    <span className="berth-mono">{shortDigest(layer.digest)}</span>
                  </CopyButton>
                </Td>
                <Td dataLabel={t('artifacts.size')}>{formatBytes(layer.size)}</Td>
                <Td dataLabel={t('artifacts.mediaType')} visibility={['hidden', 'visibleOnMd']} className="berth-break">
                  {layer.media_type ?? ''}
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </div>
  );
}

export function BuildHistory({ project, repository, artifact }: SectionProps) {
  const { t, i18n } = useTranslation();
  const loaded = useLoaded(() => artifacts.buildHistory(project, repository, artifact.digest), [artifact.digest]);
  return (
    <div className="pf-v6-u-pt-md">
      <Pending loaded={loaded} empty={t('artifactDetails.noHistory')} />
      {loaded.data && loaded.data.length > 0 && (
        <Table aria-label={t('artifactDetails.history')} variant="compact">
          <Thead>
            <Tr>
              <Th>{t('artifactDetails.created')}</Th>
              <Th>{t('artifactDetails.createdBy')}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {loaded.data.map((step, i) => (
              <Tr key={i}>
                <Td dataLabel={t('artifactDetails.created')} modifier="nowrap">
                  {formatTime(step.created, i18n.language)}
                </Td>
                <Td dataLabel={t('artifactDetails.createdBy')}>
                  <pre className="berth-pre">{step.created_by ?? step.comment ?? ''}</pre>
                  {step.empty_layer && (
                    <Label isCompact className="pf-v6-u-mt-xs">
                      {t('artifactDetails.emptyLayer')}
                    </Label>
                  )}
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </div>
  );
}

import { useState } from 'react';
import {
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Tab,
  TabTitleText,
  Tabs,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useTranslation } from 'react-i18next';
import type { Artifact } from '../../api/types';
import { CopyButton } from '../../components/CopyButton';
import { formatBytes, formatTime, platformText, shortDigest } from '../../lib/format';
import { Accessories, BuildHistory, Layers } from './ArtifactSections';
import { ArtifactLabels } from './ArtifactLabels';
import { SbomSection } from '../scan/SbomSection';
import { overviewOf } from '../scan/severity';
import { VulnerabilitySection } from '../scan/VulnerabilitySection';

interface Props {
  project: string;
  projectId: number;
  repository: string;
  artifact: Artifact;
  mayLabel: boolean;
  onChanged: () => void;
}

/** An artifact unfolded: its facts and labels, the platforms of an index, its accessories, layers and build history. */
export function ArtifactDetails(props: Props) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<string | number>('overview');
  const isIndex = (props.artifact.references ?? []).length > 0;
  const isImage = props.artifact.type === 'IMAGE' && !isIndex;
  return (
    <Tabs activeKey={tab} onSelect={(_e, key) => setTab(key)} isSubtab mountOnEnter aria-label={t('artifactDetails.sections', { digest: props.artifact.digest })}>
      <Tab eventKey="overview" title={<TabTitleText>{t('artifactDetails.overview')}</TabTitleText>}>
        <Overview {...props} />
      </Tab>
      <Tab eventKey="accessories" title={<TabTitleText>{t('artifactDetails.accessories')}</TabTitleText>}>
        <Accessories {...props} />
      </Tab>
      {!isIndex && (
        <Tab eventKey="layers" title={<TabTitleText>{t('artifactDetails.layers')}</TabTitleText>}>
          <Layers {...props} />
        </Tab>
      )}
      {isImage && (
        <Tab eventKey="vulnerabilities" title={<TabTitleText>{t('scan.vulnerabilities')}</TabTitleText>}>
          <VulnerabilitySection project={props.project} repository={props.repository} digest={props.artifact.digest} overview={overviewOf(props.artifact.scan_overview)} />
        </Tab>
      )}
      {isImage && (
        <Tab eventKey="sbom" title={<TabTitleText>{t('scan.sbom')}</TabTitleText>}>
          <SbomSection project={props.project} repository={props.repository} overview={props.artifact.sbom_overview} />
        </Tab>
      )}
      {isImage && (
        <Tab eventKey="history" title={<TabTitleText>{t('artifactDetails.history')}</TabTitleText>}>
          <BuildHistory {...props} />
        </Tab>
      )}
    </Tabs>
  );
}

function Overview({ project, projectId, repository, artifact, mayLabel, onChanged }: Props) {
  const { t, i18n } = useTranslation();
  const facts: [string, string | undefined][] = [
    ['artifacts.mediaType', artifact.manifest_media_type],
    ['artifactDetails.configType', artifact.media_type],
    ['artifactDetails.artifactType', artifact.artifact_type],
    ['artifacts.size', formatBytes(artifact.size)],
    ['artifacts.pushed', formatTime(artifact.push_time, i18n.language)],
    ['artifacts.pulled', formatTime(artifact.pull_time, i18n.language)],
  ];
  return (
    <div className="pf-v6-u-pt-md">
      <DescriptionList isCompact isHorizontal>
        <DescriptionListGroup>
          <DescriptionListTerm>{t('artifacts.digest')}</DescriptionListTerm>
          <DescriptionListDescription>
            <CopyButton text={artifact.digest} label={t('artifacts.copyDigest', { digest: artifact.digest })}>
              <span className="berth-mono berth-break">{artifact.digest}</span>
            </CopyButton>
          </DescriptionListDescription>
        </DescriptionListGroup>
        {facts
          .filter(([, value]) => value)
          .map(([key, value]) => (
            <DescriptionListGroup key={key}>
              <DescriptionListTerm>{t(key)}</DescriptionListTerm>
              <DescriptionListDescription className="berth-break">{value}</DescriptionListDescription>
            </DescriptionListGroup>
          ))}
        <DescriptionListGroup>
          <DescriptionListTerm>{t('artifactDetails.labels')}</DescriptionListTerm>
          <DescriptionListDescription>
            <ArtifactLabels project={project} projectId={projectId} repository={repository} artifact={artifact} editable={mayLabel} onChanged={onChanged} />
          </DescriptionListDescription>
        </DescriptionListGroup>
      </DescriptionList>
      {(artifact.references ?? []).length > 0 && (
        <Table aria-label={t('artifactDetails.platforms')} variant="compact" className="pf-v6-u-mt-md">
          <Thead>
            <Tr>
              <Th>{t('artifacts.platforms')}</Th>
              <Th>{t('artifacts.digest')}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {(artifact.references ?? []).map((r) => (
              <Tr key={r.child_digest}>
                <Td dataLabel={t('artifacts.platforms')}>{platformText(r.platform) || t('artifactDetails.noPlatform')}</Td>
                <Td dataLabel={t('artifacts.digest')}>
                  <CopyButton text={r.child_digest} label={t('artifacts.copyDigest', { digest: shortDigest(r.child_digest) })}>
                    <span className="berth-mono">{shortDigest(r.child_digest)}</span>
                  </CopyButton>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </div>
  );
}

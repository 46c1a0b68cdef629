import {
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  EmptyState,
  EmptyStateBody,
} from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import type { SbomOverview } from '../../api/scanning';
import { CommandBlock } from '../../components/CommandBlock';
import { CopyButton } from '../../components/CopyButton';
import { formatTime } from '../../lib/format';
import { currentLocation, reference, type Location } from '../../lib/pullCommands';
import { SbomStatus } from './ScanSummary';

/**
 * An artifact's SBOM (sbom_overview): its status, the scanner and times, and once generated the SBOM accessory's digest
 * with the command that downloads the SPDX document (the SBOM is an OCI artifact in the image's repository).
 */
export function SbomSection({
  project,
  repository,
  overview,
  location,
}: {
  project: string;
  repository: string;
  overview: SbomOverview | null | undefined;
  /** Where the registry is (default: where the portal is). */
  location?: Location;
}) {
  const { t, i18n } = useTranslation();
  if (!overview?.scan_status) {
    return (
      <EmptyState titleText={t('scan.noSbom')} headingLevel="h3" variant="xs" className="pf-v6-u-pt-md">
        <EmptyStateBody>{t('scan.noSbomBody')}</EmptyStateBody>
      </EmptyState>
    );
  }
  const facts: [string, string | undefined][] = [
    ['scan.scanner', [overview.scanner?.name, overview.scanner?.version].filter(Boolean).join(' ')],
    ['scan.startTime', formatTime(overview.start_time, i18n.language)],
    ['scan.endTime', formatTime(overview.end_time, i18n.language)],
  ];
  const digest = overview.sbom_digest;
  return (
    <div className="pf-v6-u-pt-md">
      <DescriptionList isCompact isHorizontal>
        <DescriptionListGroup>
          <DescriptionListTerm>{t('scan.sbomState')}</DescriptionListTerm>
          <DescriptionListDescription>
            <SbomStatus overview={overview} />
          </DescriptionListDescription>
        </DescriptionListGroup>
        {facts
          .filter(([, v]) => v)
          .map(([key, value]) => (
            <DescriptionListGroup key={key}>
              <DescriptionListTerm>{t(key)}</DescriptionListTerm>
              <DescriptionListDescription>{value}</DescriptionListDescription>
            </DescriptionListGroup>
          ))}
        {digest && (
          <DescriptionListGroup>
            <DescriptionListTerm>{t('scan.sbomDigest')}</DescriptionListTerm>
            <DescriptionListDescription>
              <CopyButton text={digest} label={t('artifacts.copyDigest', { digest })}>
                <span className="berth-mono berth-break">{digest}</span>
              </CopyButton>
            </DescriptionListDescription>
          </DescriptionListGroup>
        )}
      </DescriptionList>
      {digest && (
        <div className="pf-v6-u-mt-md">
          <p className="pf-v6-u-mb-sm">{t('scan.sbomDownload')}</p>
          <CommandBlock lines={[`skopeo copy docker://${reference(location ?? currentLocation(), project, repository, digest)} oci:sbom`]} />
        </div>
      )}
    </div>
  );
}

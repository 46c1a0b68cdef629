import { Card, CardBody, CardTitle, Gallery, Label } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SecuritySummary } from '../../api/scanning';
import { links } from '../../app/routes';
import { shortDigest } from '../../lib/format';
import { severityColor } from '../scan/severity';

/** A repository_name (project/repo) as a link to the repository's page. */
export function RepositoryLink({ name }: { name: string }) {
  const slash = name.indexOf('/');
  return slash < 0 ? <>{name}</> : <Link to={links.repository(name.slice(0, slash), name.slice(slash + 1))}>{name}</Link>;
}

/** GET /security/summary: the counts per severity, the artifacts scanned, and the most dangerous CVEs and artifacts. */
export function SecuritySummaryCards({ summary }: { summary: SecuritySummary }) {
  const { t } = useTranslation();
  const counts: [string, number][] = [
    ['Critical', summary.critical_cnt],
    ['High', summary.high_cnt],
    ['Medium', summary.medium_cnt],
    ['Low', summary.low_cnt],
    ['None', summary.none_cnt],
    ['Unknown', summary.unknown_cnt],
  ];
  return (
    <>
      <Gallery hasGutter minWidths={{ default: '220px' }} className="pf-v6-u-mb-lg">
        <Card isCompact>
          <CardTitle component="h2">{t('securityHub.artifacts')}</CardTitle>
          <CardBody>{t('securityHub.scannedOf', { scanned: summary.scanned_cnt, total: summary.total_artifact })}</CardBody>
        </Card>
        <Card isCompact>
          <CardTitle component="h2">{t('securityHub.findings')}</CardTitle>
          <CardBody data-testid="security-total">{t('securityHub.totalFixable', { total: summary.total_vuls, fixable: summary.fixable_cnt })}</CardBody>
        </Card>
        <Card isCompact>
          <CardTitle component="h2">{t('securityHub.bySeverity')}</CardTitle>
          <CardBody>
            {counts.map(([severity, count]) => (
              <Label key={severity} color={severityColor(severity)} isCompact className="pf-v6-u-mr-xs pf-v6-u-mb-xs">
                {t('scan.countOf', { count, severity: t(`scan.severity.${severity}`) })}
              </Label>
            ))}
          </CardBody>
        </Card>
      </Gallery>
      <Gallery hasGutter minWidths={{ default: '420px' }} className="pf-v6-u-mb-lg">
        <Card isCompact>
          <CardTitle component="h2">{t('securityHub.dangerousCves')}</CardTitle>
          <CardBody>
            <Table aria-label={t('securityHub.dangerousCves')} variant="compact">
              <Thead>
                <Tr>
                  <Th>{t('scan.cve')}</Th>
                  <Th>{t('scan.severityColumn')}</Th>
                  <Th>{t('scan.cvss')}</Th>
                  <Th>{t('scan.package')}</Th>
                </Tr>
              </Thead>
              <Tbody>
                {(summary.dangerous_cves ?? []).map((c) => (
                  <Tr key={`${c.cve_id}-${c.package}-${c.version}`}>
                    <Td dataLabel={t('scan.cve')}>{c.cve_id}</Td>
                    <Td dataLabel={t('scan.severityColumn')}>
                      <Label color={severityColor(c.severity)} isCompact>
                        {t(`scan.severity.${c.severity}`, c.severity)}
                      </Label>
                    </Td>
                    <Td dataLabel={t('scan.cvss')}>{c.cvss_score_v3}</Td>
                    <Td dataLabel={t('scan.package')} className="berth-break">{`${c.package} ${c.version}`}</Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          </CardBody>
        </Card>
        <Card isCompact>
          <CardTitle component="h2">{t('securityHub.dangerousArtifacts')}</CardTitle>
          <CardBody>
            <Table aria-label={t('securityHub.dangerousArtifacts')} variant="compact">
              <Thead>
                <Tr>
                  <Th>{t('securityHub.repository')}</Th>
                  <Th>{t('artifacts.digest')}</Th>
                  <Th>{t('securityHub.chm')}</Th>
                </Tr>
              </Thead>
              <Tbody>
                {(summary.dangerous_artifacts ?? []).map((a) => (
                  <Tr key={`${a.repository_name}@${a.digest}`}>
                    <Td dataLabel={t('securityHub.repository')} className="berth-break">
                      <RepositoryLink name={a.repository_name} />
                    </Td>
                    <Td dataLabel={t('artifacts.digest')} className="berth-mono">
                      {shortDigest(a.digest)}
                    </Td>
                    <Td dataLabel={t('securityHub.chm')}>{`${a.critical_cnt} / ${a.high_cnt} / ${a.medium_cnt}`}</Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          </CardBody>
        </Card>
      </Gallery>
    </>
  );
}

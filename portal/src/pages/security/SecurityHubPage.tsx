import { useState } from 'react';
import {
  Alert,
  Button,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  Grid,
  GridItem,
  Label,
  PageSection,
  TextInput,
  Title,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useTranslation } from 'react-i18next';
import { securityHub, type HubVulnerability } from '../../api/scanning';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListPagination } from '../../components/ListControls';
import { useLoaded } from '../../components/useLoaded';
import { usePagedList } from '../../components/usePagedList';
import { shortDigest } from '../../lib/format';
import { safeLinks, severityColor } from '../scan/severity';
import { HUB_SEVERITIES, NO_FILTERS, hubFiltersProblem, hubQuery, type HubFilters } from './hubQuery';
import { RepositoryLink, SecuritySummaryCards } from './SecuritySummaryCards';

const TEXT_FILTERS: [keyof HubFilters, string][] = [
  ['cveId', 'securityHub.cveId'],
  ['repository', 'securityHub.repository'],
  ['packageName', 'scan.package'],
  ['tag', 'securityHub.tag'],
];

/**
 * Harbor's security hub (system administrators): GET /security/summary, and GET /vulnerabilities filtered by Harbor's q
 * (exact CVE id, severity, repository, package, tag, a CVSS v3 range), highest score first, paged.
 */
export default function SecurityHubPage() {
  const { t } = useTranslation();
  const summary = useLoaded(() => securityHub.summary(), []);
  const [form, setForm] = useState<HubFilters>(NO_FILTERS);
  const [applied, setApplied] = useState<string | undefined>(undefined);
  const list = usePagedList<HubVulnerability>((page) => securityHub.vulnerabilities(page, applied), `hub:${applied ?? ''}`);
  const problem = hubFiltersProblem(form);
  const apply = () => {
    if (!problem) {
      setApplied(hubQuery(form));
      list.setPage(1);
    }
  };
  return (
    <PageSection>
      <Title headingLevel="h1" className="pf-v6-u-mb-md">
        {t('securityHub.title')}
      </Title>
      <ErrorAlert error={summary.error} />
      {summary.data && <SecuritySummaryCards summary={summary.data} />}
      <Title headingLevel="h2" className="pf-v6-u-mb-sm">
        {t('securityHub.vulnerabilities')}
      </Title>
      <Form
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
        className="pf-v6-u-mb-md"
      >
        <Grid hasGutter>
          {TEXT_FILTERS.map(([key, label]) => (
            <GridItem md={3} key={key}>
              <FormGroup label={t(label)} fieldId={`hub-${key}`}>
                <TextInput id={`hub-${key}`} value={form[key]} onChange={(_e, v) => setForm((f) => ({ ...f, [key]: v }))} />
              </FormGroup>
            </GridItem>
          ))}
          <GridItem md={3}>
            <FormGroup label={t('scan.severityColumn')} fieldId="hub-severity">
              <FormSelect id="hub-severity" value={form.severity} onChange={(_e, v) => setForm((f) => ({ ...f, severity: v }))}>
                <FormSelectOption value="" label={t('securityHub.anySeverity')} />
                {HUB_SEVERITIES.map((s) => (
                  <FormSelectOption key={s} value={s} label={t(`scan.severity.${s}`)} />
                ))}
              </FormSelect>
            </FormGroup>
          </GridItem>
          <GridItem md={3}>
            <FormGroup label={t('securityHub.cvssFrom')} fieldId="hub-cvss-from">
              <TextInput id="hub-cvss-from" type="number" min={0} max={10} step={0.1} value={form.cvssFrom} onChange={(_e, v) => setForm((f) => ({ ...f, cvssFrom: v }))} />
            </FormGroup>
          </GridItem>
          <GridItem md={3}>
            <FormGroup label={t('securityHub.cvssTo')} fieldId="hub-cvss-to">
              <TextInput id="hub-cvss-to" type="number" min={0} max={10} step={0.1} value={form.cvssTo} onChange={(_e, v) => setForm((f) => ({ ...f, cvssTo: v }))} />
            </FormGroup>
          </GridItem>
          <GridItem md={3} className="pf-v6-u-align-self-flex-end">
            <Button type="submit" isDisabled={!!problem} className="pf-v6-u-mr-sm">
              {t('securityHub.search')}
            </Button>
            <Button
              variant="link"
              onClick={() => {
                setForm(NO_FILTERS);
                setApplied(undefined);
                list.setPage(1);
              }}
            >
              {t('securityHub.reset')}
            </Button>
          </GridItem>
        </Grid>
        {problem && <Alert variant="warning" isInline isPlain title={t(problem)} />}
      </Form>
      <ErrorAlert error={list.error} />
      {!list.loading && !list.error && list.items.length === 0 ? (
        <Alert variant="info" isInline isPlain title={applied ? t('securityHub.noMatch') : t('securityHub.empty')} />
      ) : (
        <Table aria-label={t('securityHub.vulnerabilities')} variant="compact" aria-busy={list.loading}>
          <Thead>
            <Tr>
              <Th>{t('scan.cve')}</Th>
              <Th>{t('securityHub.repository')}</Th>
              <Th>{t('artifacts.digest')}</Th>
              <Th visibility={['hidden', 'visibleOnLg']}>{t('artifacts.tags')}</Th>
              <Th>{t('scan.cvss')}</Th>
              <Th>{t('scan.severityColumn')}</Th>
              <Th>{t('scan.package')}</Th>
              <Th>{t('scan.version')}</Th>
              <Th>{t('scan.fixedIn')}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {list.items.map((v, i) => {
              const link = safeLinks(v.links)[0];
              return (
                <Tr key={`${v.digest}-${v.cve_id}-${v.package}-${i}`}>
                  <Td dataLabel={t('scan.cve')}>
                    {link ? (
                      <a href={link} target="_blank" rel="noopener noreferrer">
                        {v.cve_id}
                      </a>
                    ) : (
                      v.cve_id
                    )}
                  </Td>
                  <Td dataLabel={t('securityHub.repository')} className="berth-break">
                    <RepositoryLink name={v.repository_name} />
                  </Td>
                  <Td dataLabel={t('artifacts.digest')} className="berth-mono">
                    {shortDigest(v.digest)}
                  </Td>
                  <Td dataLabel={t('artifacts.tags')} visibility={['hidden', 'visibleOnLg']}>
                    {(v.tags ?? []).join(', ')}
                  </Td>
                  <Td dataLabel={t('scan.cvss')}>{v.cvss_v3_score ?? ''}</Td>
                  <Td dataLabel={t('scan.severityColumn')}>
                    <Label color={severityColor(v.severity)} isCompact>
                      {t(`scan.severity.${v.severity}`, v.severity)}
                    </Label>
                  </Td>
                  <Td dataLabel={t('scan.package')} className="berth-break">
                    {v.package}
                  </Td>
                  <Td dataLabel={t('scan.version')} className="berth-break">
                    {v.version}
                  </Td>
                  <Td dataLabel={t('scan.fixedIn')} className="berth-break">
                    {v.fixed_version || ''}
                  </Td>
                </Tr>
              );
            })}
          </Tbody>
        </Table>
      )}
      <ListPagination list={list} />
    </PageSection>
  );
}

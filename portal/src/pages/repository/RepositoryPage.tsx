import { useState } from 'react';
import {
  Breadcrumb,
  BreadcrumbItem,
  Button,
  EmptyState,
  EmptyStateBody,
  Label,
  LabelGroup,
  PageSection,
  Title,
} from '@patternfly/react-core';
import { ExpandableRowContent, Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import AngleDownIcon from '@patternfly/react-icons/dist/esm/icons/angle-down-icon';
import AngleRightIcon from '@patternfly/react-icons/dist/esm/icons/angle-right-icon';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { artifacts, projects } from '../../api/berth';
import type { Artifact } from '../../api/types';
import { useAuth } from '../../app/auth';
import { links } from '../../app/routes';
import { CommandBlock } from '../../components/CommandBlock';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { RowActions } from '../../components/RowActions';
import { CopyButton } from '../../components/CopyButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LabelChip } from '../../components/LabelChip';
import { ListPagination, ListToolbar } from '../../components/ListControls';
import { useLoaded } from '../../components/useLoaded';
import { usePagedList } from '../../components/usePagedList';
import { formatBytes, formatTime, platformText, shortDigest } from '../../lib/format';
import { currentLocation, pushCommands } from '../../lib/pullCommands';
import { can } from '../../lib/permissions';
import { isProxyCache } from '../projects/proxyCache';
import { AddTagDialog } from './AddTagDialog';
import { PullCommandDialog } from './PullCommandDialog';
import { ArtifactDetails } from './ArtifactDetails';
import { SignatureStatus } from './SignatureStatus';
import { ScanSummary } from '../scan/ScanSummary';
import { overviewOf } from '../scan/severity';
import { scannable, useScanActions } from '../scan/useScanActions';

type Dialog =
  | { kind: 'pull'; artifact: Artifact }
  | { kind: 'addTag'; artifact: Artifact }
  | { kind: 'deleteTag'; artifact: Artifact; tag: string }
  | { kind: 'deleteArtifact'; artifact: Artifact };

/** GET /api/v2.0/projects/{p}/repositories/{r}/artifacts?with_tag=true&q=tags=~…: tags, digests, pull commands. */
export default function RepositoryPage() {
  const { t, i18n } = useTranslation();
  const params = useParams();
  const project = params.project ?? '';
  const repository = params['*'] ?? '';
  const list = usePagedList<Artifact>((page, search) => artifacts.list(project, repository, page, search), `artifacts:${project}/${repository}`);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const { user } = useAuth();
  // the project's id (for its labels) and the caller's role in it (to offer what they may do)
  const projectInfo = useLoaded(() => projects.get(project), [project]);
  const mayLabel = !!projectInfo.data && can(!!user?.sysadmin_flag, projectInfo.data.current_user_role_id, 'labelArtifact');
  const mayScan = !!projectInfo.data && can(!!user?.sysadmin_flag, projectInfo.data.current_user_role_id, 'scanArtifact');
  const scans = useScanActions(project, repository, list.items, list.reload, mayScan);
  const toggle = (digest: string) =>
    setExpanded((previous) => {
      const next = new Set(previous);
      if (!next.delete(digest)) {
        next.add(digest);
      }
      return next;
    });
  const empty = !list.loading && !list.error && list.items.length === 0;
  const location = currentLocation();

  return (
    <PageSection>
      <Breadcrumb className="pf-v6-u-mb-sm">
        <BreadcrumbItem render={() => <Link to={links.projects()}>{t('nav.projects')}</Link>} />
        <BreadcrumbItem render={() => <Link to={links.project(project, 'repositories')}>{project}</Link>} />
        <BreadcrumbItem isActive>{repository}</BreadcrumbItem>
      </Breadcrumb>
      <Title headingLevel="h1" className="pf-v6-u-mb-md berth-break">
        {`${project}/${repository}`}
      </Title>
      <ListToolbar list={list} searchLabel={t('artifacts.search')} />
      <ErrorAlert error={list.error} />
      {scans.notice}
      {empty ? (
        <EmptyState titleText={list.search ? t('artifacts.noMatchTitle') : t('artifacts.emptyTitle')} headingLevel="h2">
          <EmptyStateBody>
            {list.search ? (
              <Button variant="link" onClick={() => list.setSearch('')}>
                {t('common.clearSearch')}
              </Button>
            ) : (
              <>
                {t('artifacts.emptyBody')}
                {projectInfo.data && !isProxyCache(projectInfo.data) && <CommandBlock lines={pushCommands(location, project)} label={t('repositories.copyPush')} />}
              </>
            )}
          </EmptyStateBody>
        </EmptyState>
      ) : (
        <>
          <Table aria-label={t('artifacts.title')} variant="compact" aria-busy={list.loading}>
            <Thead>
              <Tr>
                <Th screenReaderText={t('artifactDetails.details')} />
                <Th>{t('artifacts.tags')}</Th>
                <Th>{t('artifacts.digest')}</Th>
                <Th>{t('artifacts.size')}</Th>
                <Th>{t('scan.vulnerabilities')}</Th>
                <Th visibility={['hidden', 'visibleOnLg']}>{t('artifacts.mediaType')}</Th>
                <Th visibility={['hidden', 'visibleOnMd']}>{t('artifacts.platforms')}</Th>
                <Th visibility={['hidden', 'visibleOnMd']}>{t('artifacts.pushed')}</Th>
                <Th visibility={['hidden', 'visibleOnXl']}>{t('artifacts.pulled')}</Th>
                <Th screenReaderText={t('common.actions')} />
              </Tr>
            </Thead>
            {list.items.map((a, rowIndex) => {
              const platforms = (a.references ?? []).map((r) => platformText(r.platform)).filter(Boolean);
              const isExpanded = expanded.has(a.digest);
              return (
                <Tbody key={a.digest} isExpanded={isExpanded}>
                  <Tr>
                    <Td className="pf-v6-c-table__toggle">
                      {/* a toggle of its own: PatternFly's expand button is named "Details" in every row */}
                      <Button
                        variant="plain"
                        size="sm"
                        aria-label={t('artifactDetails.toggle', { digest: a.digest })}
                        aria-expanded={isExpanded}
                        aria-controls={`artifact-details-${rowIndex}`}
                        onClick={() => toggle(a.digest)}
                        icon={isExpanded ? <AngleDownIcon /> : <AngleRightIcon />}
                      />
                    </Td>
                    <Td dataLabel={t('artifacts.tags')}>
                      {(a.tags ?? []).length === 0 ? (
                        <span className="pf-v6-u-color-200">{t('artifacts.untagged')}</span>
                      ) : (
                        <LabelGroup numLabels={5} expandedText={t('common.showLess')} collapsedText={t('common.showMore', { count: (a.tags ?? []).length - 5 })}>
                          {(a.tags ?? []).map((tag) => (
                            <Label
                              key={tag.name}
                              color="blue"
                              onClose={() => setDialog({ kind: 'deleteTag', artifact: a, tag: tag.name })}
                              closeBtnAriaLabel={t('artifacts.deleteTagNamed', { tag: tag.name })}
                            >
                              {tag.name}
                            </Label>
                          ))}
                        </LabelGroup>
                      )}
                      <SignatureStatus artifact={a} metadata={projectInfo.data?.metadata} />
                      {(a.labels ?? []).length > 0 && (
                        <LabelGroup numLabels={3} className="pf-v6-u-mt-xs" aria-label={t('artifactDetails.labels')}>
                          {(a.labels ?? []).map((l) => (
                            <LabelChip key={l.id} name={l.name} color={l.color} description={l.description} isCompact />
                          ))}
                        </LabelGroup>
                      )}
                    </Td>
                    <Td dataLabel={t('artifacts.digest')}>
                      <CopyButton text={a.digest} label={t('artifacts.copyDigest', { digest: shortDigest(a.digest) })}>
                        <span className="berth-mono">{shortDigest(a.digest)}</span>
                      </CopyButton>
                    </Td>
                    <Td dataLabel={t('artifacts.size')}>{formatBytes(a.size)}</Td>
                    <Td dataLabel={t('scan.vulnerabilities')}>
                      {scannable(a) && <ScanSummary overview={overviewOf(a.scan_overview)} digest={a.digest} />}
                    </Td>
                    <Td dataLabel={t('artifacts.mediaType')} visibility={['hidden', 'visibleOnLg']} className="berth-break">
                      {a.manifest_media_type ?? a.media_type ?? ''}
                    </Td>
                    <Td dataLabel={t('artifacts.platforms')} visibility={['hidden', 'visibleOnMd']}>
                      {platforms.length > 0 && (
                        <LabelGroup numLabels={3} expandedText={t('common.showLess')} collapsedText={t('common.showMore', { count: platforms.length - 3 })}>
                          {platforms.map((p, i) => (
                            <Label key={`${p}-${i}`} isCompact>
                              {p}
                            </Label>
                          ))}
                        </LabelGroup>
                      )}
                    </Td>
                    <Td dataLabel={t('artifacts.pushed')} visibility={['hidden', 'visibleOnMd']}>
                      {formatTime(a.push_time, i18n.language)}
                    </Td>
                    <Td dataLabel={t('artifacts.pulled')} visibility={['hidden', 'visibleOnXl']}>
                      {formatTime(a.pull_time, i18n.language)}
                    </Td>
                    <Td isActionCell>
                      <Button variant="secondary" size="sm" onClick={() => setDialog({ kind: 'pull', artifact: a })} aria-label={t('artifacts.pullCommandOf', { digest: a.digest })}>
                        {t('artifacts.pullCommand')}
                      </Button>{' '}
                      <RowActions
                        label={t('artifacts.actionsOf', { digest: a.digest })}
                        items={[
                          ...scans.items(a),
                          { title: t('artifacts.addTag'), onClick: () => setDialog({ kind: 'addTag', artifact: a }) },
                          { isSeparator: true },
                          { title: t('artifacts.delete'), onClick: () => setDialog({ kind: 'deleteArtifact', artifact: a }), isDanger: true },
                        ]}
                      />
                    </Td>
                  </Tr>
                  <Tr isExpanded={isExpanded} id={`artifact-details-${rowIndex}`}>
                    <Td colSpan={10}>
                      {isExpanded && projectInfo.data && (
                        <ExpandableRowContent>
                          <ArtifactDetails
                            project={project}
                            projectId={projectInfo.data.project_id}
                            repository={repository}
                            artifact={a}
                            mayLabel={mayLabel}
                            onChanged={list.reload}
                          />
                        </ExpandableRowContent>
                      )}
                    </Td>
                  </Tr>
                </Tbody>
              );
            })}
          </Table>
          <ListPagination list={list} />
        </>
      )}
      {dialog?.kind === 'pull' && (
        <PullCommandDialog
          project={project}
          repository={repository}
          artifact={dialog.artifact}
          metadata={projectInfo.data?.metadata}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'addTag' && (
        <AddTagDialog
          onClose={() => setDialog(null)}
          onAdd={async (tag) => {
            await artifacts.addTag(project, repository, dialog.artifact.digest, tag);
            list.reload();
          }}
        />
      )}
      {dialog?.kind === 'deleteTag' && (
        <ConfirmDialog
          title={t('artifacts.deleteTagTitle')}
          confirmLabel={t('common.delete')}
          onConfirm={async () => {
            await artifacts.removeTag(project, repository, dialog.artifact.digest, dialog.tag);
            list.reload();
          }}
          onClose={() => setDialog(null)}
        >
          {t('artifacts.deleteTagBody', { tag: dialog.tag, repository: `${project}/${repository}` })}
        </ConfirmDialog>
      )}
      {dialog?.kind === 'deleteArtifact' && (
        <ConfirmDialog
          title={t('artifacts.deleteTitle')}
          confirmLabel={t('common.delete')}
          onConfirm={async () => {
            await artifacts.remove(project, repository, dialog.artifact.digest);
            list.reload();
          }}
          onClose={() => setDialog(null)}
        >
          {t('artifacts.deleteBody', { digest: dialog.artifact.digest, count: (dialog.artifact.tags ?? []).length })}
        </ConfirmDialog>
      )}
    </PageSection>
  );
}

import { useState } from 'react';
import { Alert, Button, EmptyState, EmptyStateBody, Label, ToolbarItem } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useTranslation } from 'react-i18next';
import { trustedKeys, type TrustedKey } from '../../../api/trustedKeys';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { CopyButton } from '../../../components/CopyButton';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ListPagination, ListToolbar } from '../../../components/ListControls';
import { usePagedList } from '../../../components/usePagedList';
import { formatTime } from '../../../lib/format';
import type { ProjectContext } from '../ProjectPage';
import { AddTrustedKeyDialog } from './AddTrustedKeyDialog';
import { groupedFingerprint } from './trustedKeyForm';

/**
 * GET /api/v2.0/projects/{id}/trusted-keys (Berth's own): the keys a cosign or Notation signature must verify under
 * while the kind's content-trust policy is on. Members read them; project administrators add and delete them.
 */
export default function TrustedKeysTab({ project, may }: ProjectContext) {
  const { t, i18n } = useTranslation();
  const list = usePagedList<TrustedKey>((page) => trustedKeys.list(project.project_id, page), `trusted-keys:${project.project_id}`);
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState<TrustedKey | null>(null);
  const manage = may('updateProject');
  const policies = ['enable_content_trust_cosign', 'enable_content_trust'].filter((key) => project.metadata?.[key] === 'true');
  const empty = !list.loading && !list.error && list.items.length === 0;
  return (
    <>
      {policies.length === 0 && <Alert variant="info" isInline isPlain title={t('trustedKeys.noPolicy')} className="pf-v6-u-mb-md" />}
      <ListToolbar
        list={list}
        actions={
          manage && (
            <ToolbarItem>
              <Button onClick={() => setAdding(true)}>{t('trustedKeys.add')}</Button>
            </ToolbarItem>
          )
        }
      />
      <ErrorAlert error={list.error} />
      {empty ? (
        <EmptyState titleText={t('trustedKeys.emptyTitle')} headingLevel="h2">
          <EmptyStateBody>{t('trustedKeys.emptyBody')}</EmptyStateBody>
        </EmptyState>
      ) : (
        <Table aria-label={t('trustedKeys.title')} variant="compact" aria-busy={list.loading}>
          <Thead>
            <Tr>
              <Th>{t('trustedKeys.kind')}</Th>
              <Th>{t('trustedKeys.fingerprint')}</Th>
              <Th>{t('trustedKeys.description')}</Th>
              <Th visibility={['hidden', 'visibleOnMd']}>{t('trustedKeys.added')}</Th>
              <Th screenReaderText={t('common.actions')} />
            </Tr>
          </Thead>
          <Tbody>
            {list.items.map((key) => (
              <Tr key={key.id}>
                <Td dataLabel={t('trustedKeys.kind')}>
                  <Label isCompact color={key.kind === 'cosign' ? 'blue' : 'teal'}>
                    {key.kind === 'cosign' ? t('trustedKeys.cosign') : t('trustedKeys.notation')}
                  </Label>
                </Td>
                <Td dataLabel={t('trustedKeys.fingerprint')}>
                  <CopyButton text={key.fingerprint} label={t('trustedKeys.copyFingerprint', { fingerprint: key.fingerprint })}>
                    <span className="berth-mono berth-break" data-testid="trusted-key-fingerprint">
                      {groupedFingerprint(key.fingerprint)}
                    </span>
                  </CopyButton>
                </Td>
                <Td dataLabel={t('trustedKeys.description')} className="berth-break">
                  {key.description ?? ''}
                </Td>
                <Td dataLabel={t('trustedKeys.added')} visibility={['hidden', 'visibleOnMd']}>
                  {formatTime(key.creation_time, i18n.language)}
                </Td>
                <Td isActionCell>
                  {manage && (
                    <Button variant="secondary" isDanger size="sm" onClick={() => setDeleting(key)} aria-label={t('trustedKeys.deleteOf', { fingerprint: key.fingerprint })}>
                      {t('common.delete')}
                    </Button>
                  )}
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      {!empty && <ListPagination list={list} />}
      {adding && <AddTrustedKeyDialog projectId={project.project_id} onClose={() => setAdding(false)} onAdded={list.reload} />}
      {deleting && (
        <ConfirmDialog
          title={t('trustedKeys.deleteTitle')}
          confirmLabel={t('common.delete')}
          onConfirm={async () => {
            await trustedKeys.remove(project.project_id, deleting.id);
            list.reload();
          }}
          onClose={() => setDeleting(null)}
        >
          {t('trustedKeys.deleteBody', { fingerprint: groupedFingerprint(deleting.fingerprint) })}
        </ConfirmDialog>
      )}
    </>
  );
}

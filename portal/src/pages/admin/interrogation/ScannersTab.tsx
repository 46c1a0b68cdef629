import { useState } from 'react';
import { Alert, AlertActionCloseButton, Button, Label, ToolbarItem } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useTranslation } from 'react-i18next';
import { messageOf } from '../../../api/errors';
import { scanners, type Scanner } from '../../../api/scanners';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ListPagination, ListToolbar } from '../../../components/ListControls';
import { RowActions } from '../../../components/RowActions';
import { usePagedList } from '../../../components/usePagedList';
import { formatTime } from '../../../lib/format';
import { ScannerDialog } from './ScannerDialog';
import { ScannerMetadataDialog } from './ScannerMetadataDialog';

type Notice = { ok: true; text: string } | { ok: false; title: string; text: string };

/**
 * /api/v2.0/scanners: the scanner registrations. New, edit, delete, make default, enable or disable, and test the
 * connection with the stored settings (the adapter's metadata, through core), which also shows what the adapter says it is.
 */
export function ScannersTab() {
  const { t, i18n } = useTranslation();
  const list = usePagedList<Scanner>((page, search) => scanners.list(page, search), 'admin-scanners');
  const [editing, setEditing] = useState<Scanner | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Scanner | null>(null);
  const [showing, setShowing] = useState<Scanner | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  /** One change from a row: its outcome shows above the list. */
  const act = async (s: Scanner, action: () => Promise<unknown>, done: string, failed: string) => {
    setBusy(s.uuid);
    setNotice(null);
    try {
      await action();
      setNotice({ ok: true, text: done });
      list.reload();
    } catch (e) {
      setNotice({ ok: false, title: failed, text: messageOf(e) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <div aria-live="polite">
        {notice && (
          <Alert
            variant={notice.ok ? 'success' : 'danger'}
            isInline
            title={notice.ok ? notice.text : notice.title}
            className="pf-v6-u-mb-md"
            actionClose={<AlertActionCloseButton onClose={() => setNotice(null)} />}
          >
            {notice.ok ? null : notice.text}
          </Alert>
        )}
      </div>
      <ListToolbar
        list={list}
        searchLabel={t('adminScanners.search')}
        actions={
          <ToolbarItem>
            <Button onClick={() => setEditing('new')}>{t('adminScanners.create')}</Button>
          </ToolbarItem>
        }
      />
      <ErrorAlert error={list.error} />
      {!list.loading && !list.error && list.items.length === 0 ? (
        <Alert variant="info" isInline isPlain title={list.search ? t('adminScanners.noMatch', { search: list.search }) : t('adminScanners.emptyTitle')}>
          {list.search ? null : t('adminScanners.emptyBody')}
        </Alert>
      ) : (
        <Table aria-label={t('adminScanners.title')} variant="compact" aria-busy={list.loading}>
          <Thead>
            <Tr>
              <Th>{t('adminScanners.name')}</Th>
              <Th>{t('adminScanners.url')}</Th>
              <Th>{t('adminScanners.state')}</Th>
              <Th>{t('adminScanners.auth')}</Th>
              <Th visibility={['hidden', 'visibleOnLg']}>{t('adminScanners.description')}</Th>
              <Th visibility={['hidden', 'visibleOnXl']}>{t('adminScanners.created')}</Th>
              <Th screenReaderText={t('common.actions')} />
            </Tr>
          </Thead>
          <Tbody>
            {list.items.map((s) => (
              <Tr key={s.uuid}>
                <Td dataLabel={t('adminScanners.name')} className="berth-break">
                  {s.name}{' '}
                  {s.is_default && (
                    <Label color="blue" isCompact>
                      {t('adminScanners.default')}
                    </Label>
                  )}
                </Td>
                <Td dataLabel={t('adminScanners.url')} className="berth-break">
                  {s.url}
                </Td>
                <Td dataLabel={t('adminScanners.state')}>
                  {s.disabled ? <Label color="grey">{t('adminScanners.disabled')}</Label> : <Label color="green">{t('adminScanners.enabled')}</Label>}
                </Td>
                <Td dataLabel={t('adminScanners.auth')}>{s.auth ? s.auth : t('adminScanners.authNone')}</Td>
                <Td dataLabel={t('adminScanners.description')} visibility={['hidden', 'visibleOnLg']}>
                  {s.description ?? ''}
                </Td>
                <Td dataLabel={t('adminScanners.created')} visibility={['hidden', 'visibleOnXl']}>
                  {formatTime(s.create_time, i18n.language)}
                </Td>
                <Td isActionCell>
                  <RowActions
                    label={t('adminScanners.actionsOf', { name: s.name })}
                    isDisabled={busy === s.uuid}
                    items={[
                      { title: t('adminScanners.edit'), onClick: () => setEditing(s) },
                      { title: t('adminScanners.ping'), onClick: () => setShowing(s) },
                      {
                        title: t('adminScanners.makeDefault'),
                        isDisabled: s.is_default || s.disabled,
                        onClick: () => act(s, () => scanners.setDefault(s.uuid), t('adminScanners.madeDefault', { name: s.name }), t('adminScanners.changeFailed', { name: s.name })),
                      },
                      {
                        title: s.disabled ? t('adminScanners.enable') : t('adminScanners.disable'),
                        isDisabled: s.is_default && !s.disabled,
                        onClick: () =>
                          act(
                            s,
                            () => scanners.setDisabled(s.uuid, !s.disabled),
                            s.disabled ? t('adminScanners.wasEnabled', { name: s.name }) : t('adminScanners.wasDisabled', { name: s.name }),
                            t('adminScanners.changeFailed', { name: s.name }),
                          ),
                      },
                      { isSeparator: true },
                      { title: t('common.delete'), onClick: () => setDeleting(s), isDanger: true, isDisabled: s.is_default },
                    ]}
                  />
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      <ListPagination list={list} />
      {editing && <ScannerDialog scanner={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} onSaved={list.reload} />}
      {showing && <ScannerMetadataDialog scanner={showing} onClose={() => setShowing(null)} />}
      {deleting && (
        <ConfirmDialog
          title={t('adminScanners.deleteTitle')}
          confirmLabel={t('common.delete')}
          onConfirm={async () => {
            await scanners.remove(deleting.uuid);
            list.reload();
          }}
          onClose={() => setDeleting(null)}
        >
          {t('adminScanners.deleteBody', { name: deleting.name })}
        </ConfirmDialog>
      )}
    </>
  );
}

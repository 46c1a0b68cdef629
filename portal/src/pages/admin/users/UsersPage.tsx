import { useState } from 'react';
import { Alert, AlertActionCloseButton, Button, Label, PageSection, Title, ToolbarItem } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr, type IAction } from '@patternfly/react-table';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { users, type AdminUser } from '../../../api/users';
import { useAuth } from '../../../app/auth';
import { links } from '../../../app/routes';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { RowActions } from '../../../components/RowActions';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ListPagination, ListToolbar } from '../../../components/ListControls';
import { usePagedList } from '../../../components/usePagedList';
import { formatTime } from '../../../lib/format';
import { CreateUserDialog } from './CreateUserDialog';
import { ResetPasswordDialog } from './ResetPasswordDialog';

type Confirm = { user: AdminUser; action: 'grant' | 'revoke' | 'delete' };

/**
 * /api/v2.0/users (q=username=~…): list, create, grant and revoke the system administrator flag, set a
 * password, delete. Core lets an administrator revoke their own flag and delete their own account (not
 * the user admin); this page does not offer either, since the next request would find them locked out.
 */
export default function UsersPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { user: me } = useAuth();
  const list = usePagedList<AdminUser>((page, search) => users.list(page, search), 'admin-users');
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<AdminUser | null>(null);
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const actions = (u: AdminUser): IAction[] => {
    const self = u.user_id === me?.user_id;
    const notSelf = self ? { isAriaDisabled: true, tooltipProps: { content: t('adminUsers.notYourself') }, onClick: undefined } : {};
    return [
      u.sysadmin_flag
        ? { title: t('adminUsers.revoke'), onClick: () => setConfirm({ user: u, action: 'revoke' }), ...notSelf }
        : { title: t('adminUsers.grant'), onClick: () => setConfirm({ user: u, action: 'grant' }) },
      self
        ? { title: t('shell.changePassword'), onClick: () => navigate(links.password()) }
        : { title: t('adminUsers.resetPassword'), onClick: () => setResetting(u) },
      { isSeparator: true },
      { title: t('common.delete'), onClick: () => setConfirm({ user: u, action: 'delete' }), isDanger: true, ...notSelf },
    ];
  };

  const texts = {
    grant: { title: t('adminUsers.grantTitle'), confirm: t('adminUsers.grant'), body: (name: string) => t('adminUsers.grantBody', { name }) },
    revoke: { title: t('adminUsers.revokeTitle'), confirm: t('adminUsers.revoke'), body: (name: string) => t('adminUsers.revokeBody', { name }) },
    delete: { title: t('adminUsers.deleteTitle'), confirm: t('common.delete'), body: (name: string) => t('adminUsers.deleteBody', { name }) },
  };

  const run = async ({ user, action }: Confirm) => {
    if (action === 'delete') {
      await users.remove(user.user_id);
    } else {
      await users.setSysadmin(user.user_id, action === 'grant');
    }
    list.reload();
  };

  return (
    <PageSection>
      <Title headingLevel="h1" className="pf-v6-u-mb-md">
        {t('adminUsers.title')}
      </Title>
      {notice && (
        <Alert variant="success" isInline title={notice} className="pf-v6-u-mb-md" actionClose={<AlertActionCloseButton onClose={() => setNotice(null)} />} />
      )}
      <ListToolbar
        list={list}
        searchLabel={t('adminUsers.search')}
        actions={
          <ToolbarItem>
            <Button onClick={() => setCreating(true)}>{t('adminUsers.create')}</Button>
          </ToolbarItem>
        }
      />
      <ErrorAlert error={list.error} />
      {!list.loading && !list.error && list.items.length === 0 ? (
        <Alert variant="info" isInline isPlain title={list.search ? t('adminUsers.noMatch', { search: list.search }) : t('adminUsers.empty')} />
      ) : (
        <Table aria-label={t('adminUsers.title')} variant="compact" aria-busy={list.loading}>
          <Thead>
            <Tr>
              <Th>{t('adminUsers.username')}</Th>
              <Th>{t('adminUsers.role')}</Th>
              <Th>{t('adminUsers.email')}</Th>
              <Th visibility={['hidden', 'visibleOnMd']}>{t('adminUsers.realname')}</Th>
              <Th visibility={['hidden', 'visibleOnLg']}>{t('adminUsers.created')}</Th>
              <Th screenReaderText={t('common.actions')} />
            </Tr>
          </Thead>
          <Tbody>
            {list.items.map((u) => (
              <Tr key={u.user_id}>
                <Td dataLabel={t('adminUsers.username')} className="berth-break">
                  {u.username}
                  {u.user_id === me?.user_id && (
                    <Label isCompact className="pf-v6-u-ml-sm">
                      {t('adminUsers.you')}
                    </Label>
                  )}
                </Td>
                <Td dataLabel={t('adminUsers.role')}>
                  {u.sysadmin_flag ? <Label color="blue">{t('adminUsers.sysadmin')}</Label> : t('adminUsers.user')}
                </Td>
                <Td dataLabel={t('adminUsers.email')} className="berth-break">
                  {u.email ?? ''}
                </Td>
                <Td dataLabel={t('adminUsers.realname')} visibility={['hidden', 'visibleOnMd']}>
                  {u.realname ?? ''}
                </Td>
                <Td dataLabel={t('adminUsers.created')} visibility={['hidden', 'visibleOnLg']}>
                  {formatTime(u.creation_time, i18n.language)}
                </Td>
                <Td isActionCell>
                  <RowActions label={t('adminUsers.actionsOf', { name: u.username })} items={actions(u)} />
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      <ListPagination list={list} />
      {creating && <CreateUserDialog onClose={() => setCreating(false)} onCreated={list.reload} />}
      {resetting && (
        <ResetPasswordDialog
          user={resetting}
          onClose={() => setResetting(null)}
          onDone={() => setNotice(t('adminUsers.passwordReset', { name: resetting.username }))}
        />
      )}
      {confirm && (
        <ConfirmDialog
          title={texts[confirm.action].title}
          confirmLabel={texts[confirm.action].confirm}
          onConfirm={() => run(confirm)}
          onClose={() => setConfirm(null)}
        >
          {texts[confirm.action].body(confirm.user.username)}
        </ConfirmDialog>
      )}
    </PageSection>
  );
}

import { useState } from 'react';
import { Alert, Button, Label, LabelGroup, ToolbarItem } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useTranslation } from 'react-i18next';
import { robots } from '../../api/berth';
import type { Robot } from '../../api/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { RowActions } from '../../components/RowActions';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListPagination, ListToolbar } from '../../components/ListControls';
import { usePagedList } from '../../components/usePagedList';
import { formatTime } from '../../lib/format';
import { pairsOf } from '../../lib/robotPermissions';
import { CreateRobotDialog } from './CreateRobotDialog';
import type { ProjectContext } from './ProjectPage';
import { RobotSecretDialog, type RobotSecret } from './RobotSecretDialog';

/** /api/v2.0/robots (q=Level=project,ProjectID=…): list, create, disable/enable, refresh secret, delete. */
export function RobotsTab({ project, may }: ProjectContext) {
  const { t, i18n } = useTranslation();
  const list = usePagedList<Robot>((page) => robots.list(project.project_id, page), `robots:${project.project_id}`);
  const manage = may('manageRobots');
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<RobotSecret | null>(null);
  const [confirm, setConfirm] = useState<{ robot: Robot; action: 'delete' | 'refresh' } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const now = Date.now() / 1000;

  const toggle = async (robot: Robot) => {
    setError(null);
    try {
      await robots.update(robot, { disable: !robot.disable });
    } catch (e) {
      setError(e);
    }
    list.reload();
  };

  const expiry = (r: Robot) => {
    if (r.expires_at === undefined || r.expires_at < 0) {
      return t('robots.never');
    }
    const text = formatTime(new Date(r.expires_at * 1000).toISOString(), i18n.language);
    return r.expires_at < now ? t('robots.expiredAt', { time: text }) : text;
  };

  return (
    <>
      <ListToolbar
        list={list}
        actions={
          manage && (
            <ToolbarItem>
              <Button onClick={() => setCreating(true)}>{t('robots.create')}</Button>
            </ToolbarItem>
          )
        }
      />
      <ErrorAlert error={list.error ?? error} />
      {!list.loading && !list.error && list.items.length === 0 ? (
        <Alert variant="info" isInline isPlain title={t('robots.emptyTitle')}>
          {t('robots.emptyBody')}
        </Alert>
      ) : (
        <Table aria-label={t('project.robots')} variant="compact" aria-busy={list.loading}>
          <Thead>
            <Tr>
              <Th>{t('robots.name')}</Th>
              <Th>{t('robots.status')}</Th>
              <Th>{t('robots.permissions')}</Th>
              <Th>{t('robots.expires')}</Th>
              <Th visibility={['hidden', 'visibleOnLg']}>{t('robots.description')}</Th>
              {manage && <Th screenReaderText={t('common.actions')} />}
            </Tr>
          </Thead>
          <Tbody>
            {list.items.map((r) => (
              <Tr key={r.id}>
                <Td dataLabel={t('robots.name')} className="berth-break">
                  {r.name}
                </Td>
                <Td dataLabel={t('robots.status')}>
                  {r.disable ? <Label color="grey">{t('robots.disabled')}</Label> : <Label color="green">{t('robots.enabled')}</Label>}
                </Td>
                <Td dataLabel={t('robots.permissions')}>
                  <LabelGroup numLabels={3} expandedText={t('common.showLess')} collapsedText={t('common.showMore', { count: pairsOf(r.permissions).length - 3 })}>
                    {pairsOf(r.permissions).map((p) => (
                      <Label key={p} isCompact>
                        {t(`robots.access.${p}`, { defaultValue: p })}
                      </Label>
                    ))}
                  </LabelGroup>
                </Td>
                <Td dataLabel={t('robots.expires')}>{expiry(r)}</Td>
                <Td dataLabel={t('robots.description')} visibility={['hidden', 'visibleOnLg']}>
                  {r.description ?? ''}
                </Td>
                {manage && (
                  <Td isActionCell>
                    <RowActions
                      label={t('robots.actionsOf', { name: r.name })}
                      items={[
                        { title: r.disable ? t('robots.enable') : t('robots.disable'), onClick: () => toggle(r) },
                        { title: t('robots.refresh'), onClick: () => setConfirm({ robot: r, action: 'refresh' }) },
                        { isSeparator: true },
                        { title: t('common.delete'), onClick: () => setConfirm({ robot: r, action: 'delete' }), isDanger: true },
                      ]}
                    />
                  </Td>
                )}
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      <ListPagination list={list} />
      {creating && (
        <CreateRobotDialog
          project={project.name}
          onClose={() => setCreating(false)}
          onCreated={(created) => {
            setCreating(false);
            setSecret(created);
            list.reload();
          }}
        />
      )}
      {secret && <RobotSecretDialog secret={secret} onClose={() => setSecret(null)} />}
      {confirm && (
        <ConfirmDialog
          title={confirm.action === 'delete' ? t('robots.deleteTitle') : t('robots.refreshTitle')}
          confirmLabel={confirm.action === 'delete' ? t('common.delete') : t('robots.refresh')}
          onConfirm={async () => {
            if (confirm.action === 'delete') {
              await robots.remove(confirm.robot.id);
            } else {
              const { secret: fresh } = await robots.refreshSecret(confirm.robot.id);
              setSecret({ id: confirm.robot.id, name: confirm.robot.name, secret: fresh, expires_at: confirm.robot.expires_at ?? -1 });
            }
            list.reload();
          }}
          onClose={() => setConfirm(null)}
        >
          {confirm.action === 'delete' ? t('robots.deleteBody', { name: confirm.robot.name }) : t('robots.refreshBody', { name: confirm.robot.name })}
        </ConfirmDialog>
      )}
    </>
  );
}

import { useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  Label,
  LabelGroup,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  TextInput,
  ToolbarItem,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useTranslation } from 'react-i18next';
import { robots } from '../../api/berth';
import type { Robot } from '../../api/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { RowActions } from '../../components/RowActions';
import { CopyButton } from '../../components/CopyButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListPagination, ListToolbar } from '../../components/ListControls';
import { usePagedList } from '../../components/usePagedList';
import { formatTime } from '../../lib/format';
import {
  DEFAULT_ROBOT_ACCESS,
  pairOf,
  pairsOf,
  permissionsFor,
  permissionsProblem,
  ROBOT_ACCESS,
  secretFile,
} from '../../lib/robotPermissions';
import { durationOf, expiryDays, robotName } from '../../lib/validation';
import type { ProjectContext } from './ProjectPage';

interface Secret {
  id: number;
  name: string;
  secret: string;
  creation_time?: string;
  expires_at: number;
}

/** /api/v2.0/robots (q=Level=project,ProjectID=…): list, create, disable/enable, refresh secret, delete. */
export function RobotsTab({ project, may }: ProjectContext) {
  const { t, i18n } = useTranslation();
  const list = usePagedList<Robot>((page) => robots.list(project.project_id, page), `robots:${project.project_id}`);
  const manage = may('manageRobots');
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<Secret | null>(null);
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
      {secret && <SecretDialog secret={secret} onClose={() => setSecret(null)} />}
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

function CreateRobotDialog({ project, onClose, onCreated }: { project: string; onClose: () => void; onCreated: (robot: Secret) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [never, setNever] = useState(false);
  const [days, setDays] = useState('30');
  const [pairs, setPairs] = useState<string[]>(DEFAULT_ROBOT_ACCESS);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const nameProblem = robotName(name);
  const expiryProblem = expiryDays(never, days);
  const permissionProblem = permissionsProblem(pairs);
  const invalid = !!(nameProblem || expiryProblem || permissionProblem);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (invalid) {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const created = await robots.create({ name, description, duration: durationOf(never, days), permissions: permissionsFor(project, pairs) });
      onCreated(created);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  const helper = (id: string, problem: string | null, hint?: string) =>
    (problem || hint) && (
      <FormHelperText>
        <HelperText id={id}>
          <HelperTextItem variant={problem ? 'error' : 'default'}>{t(problem ?? hint ?? '')}</HelperTextItem>
        </HelperText>
      </FormHelperText>
    );

  return (
    <Modal isOpen variant="medium" onClose={onClose} aria-labelledby="create-robot-title">
      <ModalHeader title={t('robots.createTitle')} labelId="create-robot-title" description={t('robots.createHint', { project })} />
      <ModalBody>
        <ErrorAlert error={error} />
        <Form id="create-robot-form" onSubmit={submit}>
          <FormGroup label={t('robots.name')} isRequired fieldId="robot-name">
            <TextInput id="robot-name" value={name} onChange={(_e, v) => setName(v)} validated={name && nameProblem ? 'error' : 'default'} autoFocus />
            {helper('robot-name-help', name === '' ? null : nameProblem, 'robots.nameHint')}
          </FormGroup>
          <FormGroup label={t('robots.description')} fieldId="robot-description">
            <TextInput id="robot-description" value={description} onChange={(_e, v) => setDescription(v)} />
          </FormGroup>
          <FormGroup label={t('robots.expiry')} fieldId="robot-days" isRequired>
            <Checkbox id="robot-never" label={t('robots.neverExpires')} isChecked={never} onChange={(_e, v) => setNever(v)} />
            {!never && (
              <>
                <TextInput
                  id="robot-days"
                  type="number"
                  min={1}
                  value={days}
                  onChange={(_e, v) => setDays(v)}
                  validated={expiryProblem ? 'error' : 'default'}
                  aria-label={t('robots.days')}
                />
                {helper('robot-days-help', expiryProblem, 'robots.daysHint')}
              </>
            )}
          </FormGroup>
          <FormGroup label={t('robots.permissions')} fieldId="robot-permissions" role="group" isRequired>
            {ROBOT_ACCESS.map((a) => {
              const pair = pairOf(a);
              return (
                <Checkbox
                  key={pair}
                  id={`robot-permission-${pair.replace(':', '-')}`}
                  label={t(`robots.access.${pair}`)}
                  isChecked={pairs.includes(pair)}
                  onChange={(_e, checked) => setPairs(checked ? [...pairs, pair] : pairs.filter((p) => p !== pair))}
                />
              );
            })}
            {helper('robot-permissions-help', permissionProblem, 'robots.permissionsHint')}
          </FormGroup>
        </Form>
      </ModalBody>
      <ModalFooter>
        <Button type="submit" form="create-robot-form" isDisabled={invalid || busy} isLoading={busy}>
          {t('common.create')}
        </Button>
        <Button variant="link" onClick={onClose}>
          {t('common.cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}

/** The secret, shown this once: copy it or save it as JSON. */
function SecretDialog({ secret, onClose }: { secret: Secret; onClose: () => void }) {
  const { t } = useTranslation();
  const download = () => {
    const url = URL.createObjectURL(new Blob([secretFile(secret)], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${secret.name}.json`;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    window.setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <Modal isOpen variant="medium" onClose={onClose} aria-labelledby="robot-secret-title">
      <ModalHeader title={t('robots.secretTitle')} labelId="robot-secret-title" />
      <ModalBody>
        <Alert variant="warning" isInline title={t('robots.secretOnce')} className="pf-v6-u-mb-md" />
        <Form>
          <FormGroup label={t('robots.name')} fieldId="robot-secret-name">
            <TextInput id="robot-secret-name" value={secret.name} readOnlyVariant="default" />
          </FormGroup>
          <FormGroup label={t('robots.secret')} fieldId="robot-secret-value">
            <div className="pf-v6-u-display-flex">
              <TextInput id="robot-secret-value" value={secret.secret} readOnlyVariant="default" className="berth-mono" />
              <CopyButton text={secret.secret} label={t('robots.copySecret')} />
            </div>
          </FormGroup>
        </Form>
      </ModalBody>
      <ModalFooter>
        <Button variant="secondary" onClick={download}>
          {t('robots.download')}
        </Button>
        <Button variant="primary" onClick={onClose}>
          {t('common.close')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}

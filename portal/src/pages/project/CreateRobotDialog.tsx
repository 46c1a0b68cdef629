import { useState } from 'react';
import { Checkbox, FormGroup, TextInput } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { robots } from '../../api/berth';
import { FieldHelp } from '../../components/FieldHelp';
import { FormDialog } from '../../components/FormDialog';
import { DEFAULT_ROBOT_ACCESS, pairOf, permissionsFor, permissionsProblem, ROBOT_ACCESS } from '../../lib/robotPermissions';
import { durationOf, expiryDays, robotName } from '../../lib/validation';
import type { RobotSecret } from './RobotSecretDialog';

/** POST /api/v2.0/robots: a project robot with a name, an expiry and its permissions; hands its secret on. */
export function CreateRobotDialog({ project, onClose, onCreated }: { project: string; onClose: () => void; onCreated: (robot: RobotSecret) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [never, setNever] = useState(false);
  const [days, setDays] = useState('30');
  const [pairs, setPairs] = useState<string[]>(DEFAULT_ROBOT_ACCESS);

  const nameProblem = robotName(name);
  const expiryProblem = expiryDays(never, days);
  const permissionProblem = permissionsProblem(pairs);
  const invalid = !!(nameProblem || expiryProblem || permissionProblem);

  return (
    <FormDialog
      variant="medium"
      title={t('robots.createTitle')}
      titleId="create-robot-title"
      description={t('robots.createHint', { project })}
      formId="create-robot-form"
      submitLabel={t('common.create')}
      canSubmit={!invalid}
      onSubmit={async () => {
        onCreated(await robots.create({ name, description, duration: durationOf(never, days), permissions: permissionsFor(project, pairs) }));
      }}
      onClose={onClose}
    >
      <FormGroup label={t('robots.name')} isRequired fieldId="robot-name">
        <TextInput id="robot-name" value={name} onChange={(_e, v) => setName(v)} validated={name && nameProblem ? 'error' : 'default'} autoFocus />
        <FieldHelp id="robot-name-help" problem={name === '' ? null : nameProblem} hint="robots.nameHint" />
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
            <FieldHelp id="robot-days-help" problem={expiryProblem} hint="robots.daysHint" />
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
        <FieldHelp id="robot-permissions-help" problem={permissionProblem} hint="robots.permissionsHint" />
      </FormGroup>
    </FormDialog>
  );
}

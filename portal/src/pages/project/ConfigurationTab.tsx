import { useState } from 'react';
import { ActionGroup, Alert, Button, Checkbox, Form, FormGroup } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { projects } from '../../api/berth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSubmit } from '../../components/useSubmit';
import type { ProjectContext } from './ProjectPage';

/** A boolean metadata key of the project, with the i18n keys of its checkbox (label and help). */
interface Switchable {
  key: string;
  label: string;
  help: string;
}

/** The groups of the form: each key is one that core acts on (ProjectMetadata). */
const GROUPS: { label: string; keys: Switchable[] }[] = [
  { label: 'configuration.access', keys: [{ key: 'public', label: 'configuration.public', help: 'configuration.publicHelp' }] },
  {
    label: 'configuration.contentTrust',
    keys: [
      { key: 'enable_content_trust_cosign', label: 'configuration.cosign', help: 'configuration.cosignHelp' },
      { key: 'enable_content_trust', label: 'configuration.notation', help: 'configuration.notationHelp' },
    ],
  },
];
const KEYS = GROUPS.flatMap((g) => g.keys.map((k) => k.key));

/** The metadata as the form's booleans (a key never set is off). */
function valuesOf(metadata: Record<string, string> | undefined): Record<string, boolean> {
  return Object.fromEntries(KEYS.map((key) => [key, metadata?.[key] === 'true']));
}

/**
 * The project's settings that Berth acts on: whether anyone may pull from it, and whether a pull needs a cosign or
 * Notation signature (the keys that signature must verify under are on the Trusted keys tab). Only the keys changed
 * are sent. (Scanning and the rest come with their features: core refuses them until then.)
 */
export function ConfigurationTab({ project, may, reloadProject }: ProjectContext) {
  const { t } = useTranslation();
  const stored = valuesOf(project.metadata);
  const [values, setValues] = useState(stored);
  const { busy, error, run } = useSubmit({ stayOpen: true });
  const [saved, setSaved] = useState(false);
  const editable = may('updateProject');
  const changed = Object.fromEntries(KEYS.filter((key) => values[key] !== stored[key]).map((key) => [key, String(values[key])]));
  const save = async () => {
    setSaved(false);
    await run(async () => {
      await projects.updateMetadata(project.name, changed);
      setSaved(true);
      reloadProject();
    });
  };
  return (
    <>
      <ErrorAlert error={error} />
      {saved && <Alert variant="success" isInline isPlain title={t('configuration.saved')} className="pf-v6-u-mb-md" />}
      <Form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {GROUPS.map((group) => (
          <FormGroup key={group.label} role="group" label={t(group.label)} fieldId={`config-${group.keys[0].key.replace(/_/g, '-')}`}>
            {group.keys.map((k) => (
              <Checkbox
                key={k.key}
                id={`config-${k.key.replace(/_/g, '-')}`}
                label={t(k.label)}
                description={t(k.help)}
                isChecked={values[k.key]}
                isDisabled={!editable}
                onChange={(_e, checked) => {
                  setValues((v) => ({ ...v, [k.key]: checked }));
                  setSaved(false);
                }}
              />
            ))}
          </FormGroup>
        ))}
        {editable && (
          <ActionGroup>
            <Button type="submit" isDisabled={busy || Object.keys(changed).length === 0} isLoading={busy}>
              {t('configuration.save')}
            </Button>
          </ActionGroup>
        )}
      </Form>
    </>
  );
}

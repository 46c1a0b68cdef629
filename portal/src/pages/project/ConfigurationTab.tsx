import { useState } from 'react';
import { ActionGroup, Alert, Button, Checkbox, Form, FormGroup } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { projectSecurity } from '../../api/scanning';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSubmit } from '../../components/useSubmit';
import { allowlistProblem } from '../scan/allowlistForm';
import { ScanConfigFields } from '../scan/ScanConfigFields';
import type { ProjectContext } from './ProjectPage';
import { projectAllowlist, sameScanConfig, scanConfigOf, scanMetadata, type ScanConfigValues } from './scanConfig';

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
 * The project's settings that Berth acts on: whether anyone may pull from it, whether a pull needs a cosign or
 * Notation signature (the keys that signature must verify under are on the Trusted keys tab), and scanning (on push,
 * SBOMs, the prevention of vulnerable pulls and the CVE allowlist that applies). Of the switches, only those changed
 * are sent. Others come with their features: core refuses them until then, so they are not offered here.
 */
export function ConfigurationTab({ project, may, reloadProject }: ProjectContext) {
  const { t } = useTranslation();
  const stored = valuesOf(project.metadata);
  const storedScan = scanConfigOf(project);
  const [values, setValues] = useState(stored);
  const [scan, setScan] = useState<ScanConfigValues>(storedScan);
  const { busy, error, run } = useSubmit({ stayOpen: true });
  const [saved, setSaved] = useState(false);
  const editable = may('updateProject');
  const changed = Object.fromEntries(KEYS.filter((key) => values[key] !== stored[key]).map((key) => [key, String(values[key])]));
  const problem = scan.reuseSystemAllowlist ? null : allowlistProblem(scan.allowlist);
  const unchanged = Object.keys(changed).length === 0 && sameScanConfig(scan, storedScan);
  const save = async () => {
    setSaved(false);
    await run(async () => {
      // the own list is hidden while the system's applies: what was typed there then is not sent
      await projectSecurity.save(project.name, { ...changed, ...scanMetadata(scan) }, projectAllowlist(scan.reuseSystemAllowlist ? storedScan : scan));
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
          if (!problem) {
            void save();
          }
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
        <ScanConfigFields
          values={scan}
          isDisabled={!editable}
          onChange={(v) => {
            setScan(v);
            setSaved(false);
          }}
        />
        {editable && (
          <ActionGroup>
            <Button type="submit" isDisabled={busy || unchanged || !!problem} isLoading={busy}>
              {t('configuration.save')}
            </Button>
          </ActionGroup>
        )}
      </Form>
    </>
  );
}

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

/**
 * The project's settings that Berth acts on: whether anyone may pull from it, and scanning (on push, SBOMs, the
 * prevention of vulnerable pulls and the CVE allowlist that applies). Others come with their features: core refuses
 * them until then, so they are not offered here.
 */
export function ConfigurationTab({ project, may, reloadProject }: ProjectContext) {
  const { t } = useTranslation();
  const stored = project.metadata?.public === 'true';
  const storedScan = scanConfigOf(project);
  const [isPublic, setPublic] = useState(stored);
  const [scan, setScan] = useState<ScanConfigValues>(storedScan);
  const { busy, error, run } = useSubmit({ stayOpen: true });
  const [saved, setSaved] = useState(false);
  const editable = may('updateProject');
  const problem = scan.reuseSystemAllowlist ? null : allowlistProblem(scan.allowlist);
  const unchanged = isPublic === stored && sameScanConfig(scan, storedScan);
  const save = async () => {
    setSaved(false);
    await run(async () => {
      // the own list is hidden while the system's applies: what was typed there then is not sent
      await projectSecurity.save(project.name, { public: String(isPublic), ...scanMetadata(scan) }, projectAllowlist(scan.reuseSystemAllowlist ? storedScan : scan));
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
        <FormGroup role="group" label={t('configuration.access')} fieldId="config-public">
          <Checkbox
            id="config-public"
            label={t('configuration.public')}
            description={t('configuration.publicHelp')}
            isChecked={isPublic}
            isDisabled={!editable}
            onChange={(_e, checked) => {
              setPublic(checked);
              setSaved(false);
            }}
          />
        </FormGroup>
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

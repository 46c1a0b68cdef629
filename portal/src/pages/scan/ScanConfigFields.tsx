import { Checkbox, FormGroup, FormSelect, FormSelectOption, Radio } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { PREVENT_SEVERITIES, type ScanConfigValues } from '../project/scanConfig';
import { AllowlistFields } from './AllowlistFields';

/** The project's scanning settings: scan and SBOM on push, vulnerability prevention, which CVE allowlist applies. */
export function ScanConfigFields({ values, onChange, isDisabled }: { values: ScanConfigValues; onChange: (v: ScanConfigValues) => void; isDisabled: boolean }) {
  const { t } = useTranslation();
  const set = (change: Partial<ScanConfigValues>) => onChange({ ...values, ...change });
  return (
    <>
      <FormGroup role="group" label={t('scanConfig.scanning')} fieldId="config-auto-scan">
        <Checkbox
          id="config-auto-scan"
          label={t('scanConfig.autoScan')}
          description={t('scanConfig.autoScanHelp')}
          isChecked={values.autoScan}
          isDisabled={isDisabled}
          onChange={(_e, v) => set({ autoScan: v })}
        />
        <Checkbox
          id="config-auto-sbom"
          label={t('scanConfig.autoSbom')}
          description={t('scanConfig.autoSbomHelp')}
          isChecked={values.autoSbom}
          isDisabled={isDisabled}
          onChange={(_e, v) => set({ autoSbom: v })}
        />
      </FormGroup>
      <FormGroup role="group" label={t('scanConfig.prevention')} fieldId="config-prevent-vul">
        <Checkbox
          id="config-prevent-vul"
          label={t('scanConfig.preventVul')}
          description={t('scanConfig.preventVulHelp')}
          isChecked={values.preventVul}
          isDisabled={isDisabled}
          onChange={(_e, v) => set({ preventVul: v })}
        />
      </FormGroup>
      {values.preventVul && (
        <FormGroup label={t('scanConfig.severity')} fieldId="config-severity">
          <FormSelect id="config-severity" value={values.severity} isDisabled={isDisabled} onChange={(_e, v) => set({ severity: v })}>
            {PREVENT_SEVERITIES.map((s) => (
              <FormSelectOption key={s} value={s} label={t(`scanConfig.severities.${s}`)} />
            ))}
          </FormSelect>
        </FormGroup>
      )}
      <FormGroup role="radiogroup" label={t('scanConfig.allowlist')} fieldId="config-allowlist-system" isStack>
        <Radio
          id="config-allowlist-system"
          name="config-allowlist"
          label={t('scanConfig.useSystem')}
          isChecked={values.reuseSystemAllowlist}
          isDisabled={isDisabled}
          onChange={() => set({ reuseSystemAllowlist: true })}
        />
        <Radio
          id="config-allowlist-project"
          name="config-allowlist"
          label={t('scanConfig.useProject')}
          isChecked={!values.reuseSystemAllowlist}
          isDisabled={isDisabled}
          onChange={() => set({ reuseSystemAllowlist: false })}
        />
      </FormGroup>
      {!values.reuseSystemAllowlist && (
        <AllowlistFields id="project-allowlist" values={values.allowlist} onChange={(allowlist) => set({ allowlist })} isDisabled={isDisabled} />
      )}
    </>
  );
}

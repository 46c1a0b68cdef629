import { useState } from 'react';
import { FormGroup, Radio, TextArea, TextInput } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { trustedKeys, type TrustedKeyKind } from '../../../api/trustedKeys';
import { FieldHelp } from '../../../components/FieldHelp';
import { FormDialog } from '../../../components/FormDialog';
import { pemProblem } from './trustedKeyForm';

/** POST /projects/{id}/trusted-keys {kind, pem, description}: the API's reason for a key it refuses stays in the dialog. */
export function AddTrustedKeyDialog({ projectId, onClose, onAdded }: { projectId: number; onClose: () => void; onAdded: () => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<TrustedKeyKind>('cosign');
  const [pem, setPem] = useState('');
  const [description, setDescription] = useState('');
  const problem = pemProblem(kind, pem);
  return (
    <FormDialog
      title={t('trustedKeys.addTitle')}
      titleId="trusted-key-title"
      formId="trusted-key-form"
      submitLabel={t('trustedKeys.add')}
      submitTestId="trusted-key-save"
      canSubmit={!problem}
      onSubmit={async () => {
        await trustedKeys.add(projectId, { kind, pem: pem.trim() + '\n', description: description.trim() });
        onAdded();
      }}
      onClose={onClose}
    >
      <FormGroup role="radiogroup" isInline fieldId="trusted-key-kind" label={t('trustedKeys.kind')}>
        <Radio id="trusted-key-cosign" name="trusted-key-kind" label={t('trustedKeys.cosign')} description={t('trustedKeys.cosignHint')} isChecked={kind === 'cosign'} onChange={() => setKind('cosign')} />
        <Radio id="trusted-key-notation" name="trusted-key-kind" label={t('trustedKeys.notation')} description={t('trustedKeys.notationHint')} isChecked={kind === 'notation'} onChange={() => setKind('notation')} />
      </FormGroup>
      <FormGroup label={t('trustedKeys.pem')} isRequired fieldId="trusted-key-pem">
        <TextArea
          id="trusted-key-pem"
          value={pem}
          onChange={(_e, v) => setPem(v)}
          rows={8}
          resizeOrientation="vertical"
          className="berth-mono"
          validated={pem !== '' && problem ? 'error' : 'default'}
          aria-describedby="trusted-key-pem-help"
          autoFocus
        />
        <FieldHelp id="trusted-key-pem-help" problem={pem !== '' ? problem : null} hint={kind === 'cosign' ? 'trustedKeys.pemCosignHint' : 'trustedKeys.pemNotationHint'} />
      </FormGroup>
      <FormGroup label={t('trustedKeys.description')} fieldId="trusted-key-description">
        <TextInput id="trusted-key-description" value={description} onChange={(_e, v) => setDescription(v)} />
      </FormGroup>
    </FormDialog>
  );
}

import { Alert, Label, LabelGroup } from '@patternfly/react-core';
import CheckCircleIcon from '@patternfly/react-icons/dist/esm/icons/check-circle-icon';
import BanIcon from '@patternfly/react-icons/dist/esm/icons/ban-icon';
import { useTranslation } from 'react-i18next';
import type { Artifact } from '../../api/types';
import { pullRefusals, signatureKinds } from '../../lib/signatures';

/**
 * An artifact's row: "signed" with the kinds of its signatures (from with_accessory), and, where a content-trust
 * policy of the project has no signature of its kind, that pulls are refused.
 */
export function SignatureStatus({ artifact, metadata }: { artifact: Artifact; metadata: Record<string, string> | undefined }) {
  const { t } = useTranslation();
  const kinds = signatureKinds(artifact.accessories);
  const refused = pullRefusals(metadata, artifact).length > 0;
  if (kinds.length === 0 && !refused) {
    return null;
  }
  return (
    <LabelGroup numLabels={2} className="pf-v6-u-mt-xs" aria-label={t('signatures.status')}>
      {kinds.length > 0 && (
        <Label isCompact color="green" icon={<CheckCircleIcon />} data-testid="artifact-signed">
          {t('signatures.signed', { kinds: kinds.map((k) => t(`signatures.${k}`)).join(', ') })}
        </Label>
      )}
      {refused && (
        <Label isCompact color="red" icon={<BanIcon />} data-testid="artifact-pull-refused">
          {t('signatures.pullRefused')}
        </Label>
      )}
    </LabelGroup>
  );
}

/** Harbor's 412 messages a pull of the artifact gets under the project's policies, as the client will print them. */
export function PullRefusalAlert({ artifact, metadata }: { artifact: Artifact; metadata: Record<string, string> | undefined }) {
  const { t } = useTranslation();
  const messages = pullRefusals(metadata, artifact);
  if (messages.length === 0) {
    return null;
  }
  return (
    <Alert variant="warning" isInline title={t('signatures.refusedTitle')} className="pf-v6-u-mb-md" data-testid="pull-refusal">
      {messages.map((m) => (
        <div key={m}>{t('signatures.refusedWith', { message: m })}</div>
      ))}
    </Alert>
  );
}

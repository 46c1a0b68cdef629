import {
  Alert,
  Bullseye,
  Button,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Label,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  Spinner,
} from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { scanners, type Scanner } from '../../../api/scanners';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useLoaded } from '../../../components/useLoaded';

/**
 * "Test connection" of a stored registration: GET /scanners/{id}/metadata, which core asks of the adapter with the stored
 * settings and credential. The answer is the test (core's message when the adapter does not answer) and is shown.
 */
export function ScannerMetadataDialog({ scanner, onClose }: { scanner: Scanner; onClose: () => void }) {
  const { t } = useTranslation();
  const loaded = useLoaded(() => scanners.metadata(scanner.uuid), [scanner.uuid]);
  const m = loaded.data;
  return (
    <Modal isOpen variant="medium" onClose={onClose} aria-labelledby="scanner-metadata-title">
      <ModalHeader title={t('adminScanners.metadataTitle', { name: scanner.name })} labelId="scanner-metadata-title" />
      <ModalBody>
        <div aria-live="polite">
          {loaded.loading && (
            <Bullseye>
              <Spinner size="lg" aria-label={t('common.loading')} />
            </Bullseye>
          )}
          <ErrorAlert error={loaded.error} title={t('adminScanners.pingFailedNamed', { name: scanner.name })} />
          {m && <Alert variant="success" isInline isPlain title={t('adminScanners.pingOkNamed', { name: scanner.name })} className="pf-v6-u-mb-md" />}
        </div>
        {m && (
          <DescriptionList isCompact isHorizontal>
            <DescriptionListGroup>
              <DescriptionListTerm>{t('adminScanners.adapter')}</DescriptionListTerm>
              <DescriptionListDescription>{m.scanner?.name ?? ''}</DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>{t('adminScanners.vendor')}</DescriptionListTerm>
              <DescriptionListDescription>{m.scanner?.vendor ?? ''}</DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>{t('adminScanners.version')}</DescriptionListTerm>
              <DescriptionListDescription>{m.scanner?.version ?? ''}</DescriptionListDescription>
            </DescriptionListGroup>
            {(m.capabilities ?? []).map((c, i) => (
              <DescriptionListGroup key={i}>
                <DescriptionListTerm>{t('adminScanners.capability', { type: c.type ?? 'vulnerability' })}</DescriptionListTerm>
                <DescriptionListDescription>
                  {(c.produces_mime_types ?? []).map((type) => (
                    <Label key={type} isCompact className="pf-v6-u-mr-xs pf-v6-u-mb-xs">
                      {type}
                    </Label>
                  ))}
                </DescriptionListDescription>
              </DescriptionListGroup>
            ))}
            {Object.entries(m.properties ?? {}).map(([key, value]) => (
              <DescriptionListGroup key={key}>
                <DescriptionListTerm className="berth-break">{key}</DescriptionListTerm>
                <DescriptionListDescription className="berth-break">{value}</DescriptionListDescription>
              </DescriptionListGroup>
            ))}
          </DescriptionList>
        )}
      </ModalBody>
      <ModalFooter>
        <Button variant="secondary" onClick={loaded.reload} isDisabled={loaded.loading}>
          {t('adminScanners.pingAgain')}
        </Button>
        <Button variant="link" onClick={onClose}>
          {t('common.close')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}

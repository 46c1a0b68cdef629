import { useState, type ReactNode } from 'react';
import { Alert, AlertActionCloseButton } from '@patternfly/react-core';
import type { IAction } from '@patternfly/react-table';
import { useTranslation } from 'react-i18next';
import { messageOf } from '../../api/errors';
import { artifactScan, type ScanType } from '../../api/scanning';
import type { Artifact } from '../../api/types';
import { usePolling } from '../../components/usePolling';
import { isScanning, overviewOf } from './severity';

/** Whether core scans the artifact: an image manifest (an index is refused: its images are scanned one by one). */
export function scannable(a: Artifact): boolean {
  return a.type === 'IMAGE' && (a.references ?? []).length === 0;
}

/** Whether any scan of the artifact (vulnerabilities or SBOM) is still going. */
export function scanningNow(a: Artifact): boolean {
  return isScanning(overviewOf(a.scan_overview)?.scan_status) || isScanning(a.sbom_overview?.scan_status);
}

/**
 * The scan actions of an artifact list (scan, stop, generate an SBOM), their outcome above the list, and the live status:
 * the list is read again every 3 s while an artifact on the page is being scanned.
 */
export function useScanActions(project: string, repository: string, artifacts: Artifact[], reload: () => void, mayScan: boolean) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ ok: boolean; title: string; text?: string } | null>(null);
  usePolling(artifacts.some(scanningNow), 3000, reload);

  const act = async (a: Artifact, action: () => Promise<void>, done: string) => {
    setBusy(a.digest);
    setNotice(null);
    try {
      await action();
      setNotice({ ok: true, title: done });
      reload();
    } catch (e) {
      setNotice({ ok: false, title: t('scan.refused'), text: messageOf(e) });
    } finally {
      setBusy(null);
    }
  };
  const scan = (a: Artifact, type: ScanType) =>
    act(a, () => artifactScan.scan(project, repository, a.digest, type), type === 'sbom' ? t('scan.sbomStarted') : t('scan.started'));

  const items = (a: Artifact): IAction[] => {
    if (!mayScan || !scannable(a)) {
      return [];
    }
    const running = scanningNow(a);
    return [
      { title: t('scan.scan'), onClick: () => scan(a, 'vulnerability'), isDisabled: running || busy === a.digest },
      { title: t('scan.generateSbom'), onClick: () => scan(a, 'sbom'), isDisabled: running || busy === a.digest },
      {
        title: t('scan.stop'),
        onClick: () => act(a, () => artifactScan.stop(project, repository, a.digest), t('scan.stopped')),
        isDisabled: !running || busy === a.digest,
      },
      { isSeparator: true },
    ];
  };

  const noticeView: ReactNode = (
    <div aria-live="polite">
      {notice && (
        <Alert
          variant={notice.ok ? 'info' : 'danger'}
          isInline
          title={notice.title}
          className="pf-v6-u-mb-md"
          actionClose={<AlertActionCloseButton onClose={() => setNotice(null)} />}
        >
          {notice.text}
        </Alert>
      )}
    </div>
  );
  return { items, notice: noticeView };
}

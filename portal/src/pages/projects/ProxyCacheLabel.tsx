import { Label } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import type { Project } from '../../api/types';
import { isProxyCache } from './proxyCache';

/** The badge of a proxy-cache project (nothing for an ordinary one). */
export function ProxyCacheLabel({ project, isCompact }: { project: Pick<Project, 'registry_id'>; isCompact?: boolean }) {
  const { t } = useTranslation();
  return isProxyCache(project) ? (
    <Label color="purple" isCompact={isCompact} data-testid="proxy-cache-label">
      {t('proxyCache.badge')}
    </Label>
  ) : null;
}

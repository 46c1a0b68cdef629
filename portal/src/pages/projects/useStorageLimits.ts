import { useEffect, useState } from 'react';
import { projects } from '../../api/berth';
import { quotas } from '../../api/quotas';
import type { Project } from '../../api/types';

/**
 * The hard storage limit (bytes, -1 unlimited) of each project shown, by project id: from /quotas for a system
 * administrator, else from each project's summary. Read once per page of projects; a project whose limit
 * cannot be read is left out (its row shows the bytes used alone).
 */
export function useStorageLimits(shown: Project[], sysadmin: boolean): Map<number, number> {
  const [limits, setLimits] = useState<Map<number, number>>(new Map());
  const ids = shown.map((p) => p.project_id).join(',');
  useEffect(() => {
    let cancelled = false;
    const read = (p: Project): Promise<number | undefined> =>
      sysadmin
        ? quotas.ofProject(p.project_id).then((q) => q?.hard.storage)
        : projects.summary(p.name).then((s) => s.quota?.hard?.storage);
    Promise.all(shown.map((p) => read(p).then((hard) => [p.project_id, hard] as const, () => [p.project_id, undefined] as const))).then((pairs) => {
      if (!cancelled) {
        setLimits(new Map(pairs.filter((pair): pair is readonly [number, number] => typeof pair[1] === 'number')));
      }
    });
    return () => {
      cancelled = true;
    };
    // the ids stand for the page shown: a reload of the same page reads again only when the list changes
  }, [ids, sysadmin]);
  return limits;
}

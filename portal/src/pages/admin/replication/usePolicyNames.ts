import { useEffect, useState } from 'react';
import { policies } from '../../../api/replication';

/**
 * Names of the policies executions belong to (an execution names only its policy_id): each id read once
 * with GET /replication/policies/{id}; a deleted policy stays without a name.
 */
export function usePolicyNames(ids: number[]): Record<number, string | null> {
  const [names, setNames] = useState<Record<number, string | null>>({});
  const wanted = [...new Set(ids)].sort((a, b) => a - b).join(',');
  useEffect(() => {
    const missing = wanted === '' ? [] : wanted.split(',').map(Number).filter((id) => !(id in names));
    if (missing.length === 0) {
      return;
    }
    let cancelled = false;
    Promise.all(missing.map((id) => policies.get(id).then((p) => [id, p.name] as const, () => [id, null] as const))).then((found) => {
      if (!cancelled) {
        setNames((n) => ({ ...n, ...Object.fromEntries(found) }));
      }
    });
    return () => {
      cancelled = true;
    };
    // names is read to skip known ids; adding to it must not start another round
  }, [wanted]);
  return names;
}

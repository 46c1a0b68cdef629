import { useEffect, useRef } from 'react';

/**
 * Calls `tick` every `intervalMs` while `active`: stops as soon as it is not, or when the component
 * unmounts. A tick is not started while the page is hidden (a background tab), nor while the previous
 * one has not finished, so that slow answers do not pile up.
 */
export function usePolling(active: boolean, intervalMs: number, tick: () => unknown): void {
  const tickRef = useRef(tick);
  tickRef.current = tick;
  useEffect(() => {
    if (!active) {
      return;
    }
    let busy = false;
    const timer = window.setInterval(async () => {
      if (busy || document.visibilityState === 'hidden') {
        return;
      }
      busy = true;
      try {
        await tickRef.current();
      } catch {
        // the page shows its own errors; the next tick tries again
      } finally {
        busy = false;
      }
    }, intervalMs);
    return () => window.clearInterval(timer);
  }, [active, intervalMs]);
}

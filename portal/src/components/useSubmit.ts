import { useCallback, useState } from 'react';

/** Where one submission keeps its state: the busy flag and the API's error. */
export interface SubmitSetters {
  setBusy: (busy: boolean) => void;
  setError: (error: unknown) => void;
}

export interface SubmitOptions {
  /**
   * The form stays on screen after a success (a page, not a dialog): busy is cleared then too. Without it
   * busy stays set on success, as the dialog closes or the page navigates away and must not be sent twice.
   */
  stayOpen?: boolean;
  /** Runs after a success (e.g. closes the dialog); not after a failure. */
  onSuccess?: () => void;
}

/**
 * One submission: busy and no error while the action runs; on failure the action's error is kept and busy
 * cleared; on success `onSuccess` runs. Resolves to whether the action succeeded (it never rejects).
 */
export async function runSubmit(action: () => Promise<void>, set: SubmitSetters, options: SubmitOptions = {}): Promise<boolean> {
  set.setBusy(true);
  set.setError(null);
  try {
    await action();
  } catch (e) {
    set.setError(e);
    set.setBusy(false);
    return false;
  }
  if (options.stayOpen) {
    set.setBusy(false);
  }
  options.onSuccess?.();
  return true;
}

/** A form's submission state: `run(action)` sets busy and error around the call as {@link runSubmit} does. */
export function useSubmit(options: { stayOpen?: boolean } = {}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { stayOpen } = options;
  const run = useCallback(
    (action: () => Promise<void>, onSuccess?: () => void) => runSubmit(action, { setBusy, setError }, { stayOpen, onSuccess }),
    [stayOpen],
  );
  return { busy, error, run };
}

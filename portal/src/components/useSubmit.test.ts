import { describe, expect, it } from 'vitest';
import { runSubmit, type SubmitSetters } from './useSubmit';

/** Records what a submission does to its state, in order. */
function recorder() {
  const log: string[] = [];
  const state = { busy: false, error: null as unknown };
  const set: SubmitSetters = {
    setBusy: (busy) => {
      state.busy = busy;
      log.push(`busy=${busy}`);
    },
    setError: (error) => {
      state.error = error;
      log.push(`error=${error === null ? 'null' : String(error)}`);
    },
  };
  return { log, state, set };
}

describe('runSubmit', () => {
  it('sets busy and clears the error while the action runs', async () => {
    const { state, set } = recorder();
    state.error = 'old';
    let during: { busy: boolean; error: unknown } | null = null;
    await runSubmit(async () => {
      during = { ...state };
    }, set);
    expect(during).toEqual({ busy: true, error: null });
  });

  it('keeps busy and runs onSuccess after a success', async () => {
    const { log, state, set } = recorder();
    const ok = await runSubmit(async () => {}, set, { onSuccess: () => log.push('success') });
    expect(ok).toBe(true);
    expect(state).toEqual({ busy: true, error: null });
    expect(log).toEqual(['busy=true', 'error=null', 'success']);
  });

  it('clears busy after a success when the form stays open', async () => {
    const { log, state, set } = recorder();
    const ok = await runSubmit(async () => {}, set, { stayOpen: true, onSuccess: () => log.push('success') });
    expect(ok).toBe(true);
    expect(state.busy).toBe(false);
    expect(log).toEqual(['busy=true', 'error=null', 'busy=false', 'success']);
  });

  it('keeps the error, clears busy and skips onSuccess after a failure', async () => {
    const { log, state, set } = recorder();
    const refused = new Error('refused');
    const ok = await runSubmit(
      async () => {
        throw refused;
      },
      set,
      { onSuccess: () => log.push('success') },
    );
    expect(ok).toBe(false);
    expect(state).toEqual({ busy: false, error: refused });
    expect(log).toEqual(['busy=true', 'error=null', 'error=Error: refused', 'busy=false']);
  });

  it('clears the error of a failed attempt on the next one', async () => {
    const { state, set } = recorder();
    await runSubmit(() => Promise.reject(new Error('first')), set);
    expect(state.error).toBeInstanceOf(Error);
    await runSubmit(async () => {}, set);
    expect(state.error).toBeNull();
  });
});

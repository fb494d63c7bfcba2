import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMapiSubsystem } from '../src/subsystem/createMapiSubsystem.js';
import { profile, service, store, work } from './helpers/scenario.js';
import { never, tick } from './helpers/async.js';

// Tests written to kill the mutants Stryker found alive in src/subsystem/callbacks.ts (issue 14):
// the AbortSignal a callback gets says why it was aborted, and a call that has answered is over.


describe('C-R10, S-R1: a callback\'s signal', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('C-R10: aborted on the provider timeout with a CallTimeoutError that names the timeout', async () => {
    vi.useFakeTimers();
    const signals: AbortSignal[] = [];
    const s = createMapiSubsystem({
      profiles: [profile('Work', [service('S', store('M'))])],
      providerTimeoutMs: 1000,
      providerLogon: (_ctx, { signal }) => {
        signals.push(signal);
        return never();
      },
    });
    await s.initialize();
    const r = s.logonEx({ client: 'c', profileName: 'Work' });
    await vi.advanceTimersByTimeAsync(999);
    expect(signals.map((x) => x.aborted)).toEqual([false]);
    await vi.advanceTimersByTimeAsync(5000);
    expect((await r).services[0]!.providers[0]!.hrs).toEqual(['MAPI_E_CALL_FAILED', 'MAPI_E_CALL_FAILED']);
    expect(signals).toHaveLength(2);
    for (const signal of signals) {
      expect(signal.aborted).toBe(true);
      expect(signal.reason).toMatchObject({ name: 'CallTimeoutError', timeoutMs: 1000, message: 'no answer within 1000 ms' });
    }
    expect(vi.getTimerCount()).toBe(0);
  });

  it('S-R1: aborted by the last uninitialize with a CallAbortedError', async () => {
    let signal: AbortSignal | undefined;
    const s = createMapiSubsystem({
      profiles: [profile('Work', [service('S', store('M'))])],
      providerLogon: (_ctx, options) => {
        signal = options.signal;
        return never();
      },
    });
    await s.initialize();
    const r = s.logonEx({ client: 'c', profileName: 'Work' });
    await tick();
    expect(signal?.aborted).toBe(false);
    await s.uninitialize();
    expect((await r).hr).toBe('MAPI_E_NOT_INITIALIZED');
    expect(signal!.aborted).toBe(true);
    expect(signal!.reason).toMatchObject({ name: 'CallAbortedError', message: 'the logon or session ended while the callback ran' });
  });

  it('C-R10, S-R1: a call that answered in time is over: no timer is left, and the end of its session does not abort its signal', async () => {
    vi.useFakeTimers();
    const signals: AbortSignal[] = [];
    const s = createMapiSubsystem({
      profiles: [work()],
      providerTimeoutMs: 60_000,
      providerLogon: async (_ctx, { signal }) => {
        signals.push(signal);
        await new Promise((resolve) => setTimeout(resolve, 10));
        return 'S_OK';
      },
    });
    await s.initialize();
    const r = s.logonEx({ client: 'c', profileName: 'Work' });
    await vi.advanceTimersByTimeAsync(100);
    const session = (await r).session!;
    await (await r).spoolerStart;
    expect(signals).toHaveLength(3);
    expect(vi.getTimerCount()).toBe(0);
    await session.logoff();
    await s.uninitialize();
    expect(signals.map((x) => x.aborted)).toEqual([false, false, false]);
  });
});

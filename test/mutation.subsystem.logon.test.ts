import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMapiSubsystem } from '../src/subsystem/createMapiSubsystem.js';
import { RESTORE, SAVE, isRestorable } from '../src/subsystem/savedState.js';
import type { MapiSubsystem } from '../src/subsystem/types.js';
import { work } from './helpers/scenario.js';

// Tests written to kill the mutants Stryker found alive in src/subsystem/createMapiSubsystem.ts,
// callbacks.ts and savedState.ts (issue 14, their first measurement).

describe('S-R1: the last uninitialize called from a callback of a logon that runs synchronously', () => {
  it('S-R1, C-R10: the callbacks after it are not called, the logon answers MAPI_E_NOT_INITIALIZED and what it logged on logs off', async () => {
    const called: string[] = [];
    const loggedOff: string[] = [];
    let uninitialized: Promise<unknown> | undefined;
    const s = createMapiSubsystem({
      profiles: [work()],
      providerLogon: (ctx) => {
        called.push(ctx.provider);
        if (ctx.provider === 'GAL') uninitialized = s.uninitialize();
        return 'S_OK';
      },
      providerLogoff: (p) => void loggedOff.push(p.provider),
    });
    await s.initialize();
    const r = await s.logonEx({ client: 'c', profileName: 'Work' });
    expect(await uninitialized).toMatchObject({ hr: 'S_OK', initCount: 0, endedSessions: [] });
    expect(r).toMatchObject({ hr: 'MAPI_E_NOT_INITIALIZED', session: null });
    expect(called).toEqual(['GAL']);
    expect(loggedOff).toEqual(['GAL']);
    expect(s.state()).toMatchObject({ initialized: false, logonRunning: false, sessions: [] });
  });
});

describe('S-R1: the last uninitialize called from a callback that then answers with a promise', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('S-R1, C-R10: that callback\'s own signal is aborted with a CallAbortedError and the logon answers without waiting for its answer or its timeout', async () => {
    vi.useFakeTimers();
    let signal: AbortSignal | undefined;
    let uninitialized: Promise<unknown> | undefined;
    const s = createMapiSubsystem({
      profiles: [work()],
      providerLogon: (ctx, options) => {
        if (ctx.provider !== 'GAL') return 'S_OK';
        signal = options.signal;
        uninitialized = s.uninitialize();
        return new Promise<'S_OK'>(() => {});
      },
    });
    await s.initialize();
    let answer: string | undefined;
    const logon = s.logonEx({ client: 'c', profileName: 'Work' }).then((r) => (answer = r.hr));
    // Only the uninitialize's own zero-delay step runs: no provider timeout passes.
    await vi.advanceTimersByTimeAsync(0);
    await uninitialized;
    expect(answer).toBe('MAPI_E_NOT_INITIALIZED');
    expect(signal!.aborted).toBe(true);
    expect(signal!.reason).toMatchObject({ name: 'CallAbortedError' });
    expect(vi.getTimerCount()).toBe(0);
    await logon;
    expect(s.state()).toMatchObject({ logonRunning: false, logonsWaiting: 0 });
  });
});

describe('saving and restoring (src/subsystem/savedState.ts)', () => {
  it('a subsystem is restorable only with both its save and its restore', () => {
    const s = createMapiSubsystem({ profiles: [work()] });
    expect(isRestorable(s)).toBe(true);
    const without = (key: symbol) => ({ ...s, [key]: undefined }) as unknown as MapiSubsystem;
    expect(isRestorable(without(SAVE))).toBe(false);
    expect(isRestorable(without(RESTORE))).toBe(false);
    expect(isRestorable({ ...s, [SAVE]: 'save', [RESTORE]: 'restore' } as unknown as MapiSubsystem)).toBe(false);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMapiSubsystem } from '../src/subsystem/createMapiSubsystem.js';
import { profile, service, store, work } from './helpers/scenario.js';
import { tick } from './helpers/async.js';

// Tests written to kill the mutants Stryker found alive in src/subsystem/callbacks.ts and
// logonMutex.ts (issue 14), and the fallback from the compiled interpreter in createMapiSubsystem.ts.

/** The subsystem as a browser build loads it: no node:async_hooks, so no async context. */
async function withoutAsyncHooks(): Promise<typeof createMapiSubsystem> {
  const real = process.getBuiltinModule;
  vi.resetModules();
  (process as { getBuiltinModule?: unknown }).getBuiltinModule = undefined;
  try {
    return (await import('../src/subsystem/createMapiSubsystem.js')).createMapiSubsystem;
  } finally {
    process.getBuiltinModule = real;
    vi.resetModules();
  }
}

describe('M-R3 without async context (the browser build)', () => {
  it('M-R3: a logonEx from the synchronous part of a callback answers MAPI_E_BUSY; one from outside waits its turn (M-R1)', async () => {
    const create = await withoutAsyncHooks();
    const inner: string[] = [];
    let answerSlow: ((hr: 'S_OK') => void) | undefined;
    const subsystem = create({
      profiles: [profile('Work', [service('S1', store('Sync'), store('Throws')), service('S2', store('Slow'))])],
      providerLogon: (ctx) => {
        // Only c's Slow waits: d's would hang until the provider timeout, twice (C6's retry), 60 s.
        if (ctx.provider === 'Slow') return answerSlow ? 'S_OK' : new Promise<'S_OK'>((resolve) => (answerSlow = resolve));
        // Synchronously: logonEx checks M-R3 before its first await.
        void subsystem.logonEx({ client: `inner-${ctx.provider}`, profileName: 'Work' }).then((r) => inner.push(r.hr));
        if (ctx.provider === 'Throws') throw new Error('provider bug');
        return 'S_OK';
      },
    });
    await subsystem.initialize();
    const c = subsystem.logonEx({ client: 'c', profileName: 'Work' });
    await tick();
    // Sync once, Throws twice (C6's silent retry after its MAPI_E_CALL_FAILED); Slow, in another
    // service, is pending.
    expect(inner).toEqual(['MAPI_E_BUSY', 'MAPI_E_BUSY', 'MAPI_E_BUSY']);
    // The owner was restored after each callback, a throwing one too: a logon from outside is no
    // callback's, so it waits for the mutex instead of answering MAPI_E_BUSY.
    let outside: string | undefined;
    const d = subsystem.logonEx({ client: 'd', profileName: 'Work' }).then((r) => (outside = r.hr));
    await tick();
    expect(outside).toBeUndefined();
    expect(subsystem.state().logonsWaiting).toBe(1);
    answerSlow!('S_OK');
    expect((await c).hr).toBe('S_OK');
    await d;
    expect(outside).toBe('S_OK');
  });
});

describe('M-R2: a waiter leaves nothing behind', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('M-R2: a MAPI_TIMEOUT_SHORT logon that got the mutex in time leaves no timer running', async () => {
    vi.useFakeTimers();
    let release: (() => void) | undefined;
    const subsystem = createMapiSubsystem({
      profiles: [work()],
      shortTimeoutMs: 60_000,
      // a's address book hangs until released; every other provider answers at once.
      providerLogon: (ctx) =>
        ctx.provider === 'GAL' && !release ? new Promise<'S_OK'>((resolve) => (release = () => resolve('S_OK'))) : 'S_OK',
    });
    await subsystem.initialize();
    const first = subsystem.logonEx({ client: 'a', profileName: 'Work' });
    const second = subsystem.logonEx({ client: 'b', profileName: 'Work', flags: ['MAPI_TIMEOUT_SHORT'] });
    await vi.advanceTimersByTimeAsync(0);
    expect(subsystem.state()).toMatchObject({ logonRunning: true, logonsWaiting: 1 });
    release!();
    expect((await first).hr).toBe('S_OK');
    expect((await second).hr).toBe('S_OK');
    // The short timeout was cleared when b got the mutex: no timer would fire later.
    expect(vi.getTimerCount()).toBe(0);
    expect(subsystem.state()).toMatchObject({ logonRunning: false, logonsWaiting: 0 });
  });
});

/** The subsystem where the compiled engine refuses the installed xstate (another version). */
async function withoutCompiledEngine(): Promise<typeof createMapiSubsystem> {
  vi.resetModules();
  vi.doMock('../src/compiled/adapter.js', async (original) => ({
    ...(await original<typeof import('../src/compiled/adapter.js')>()),
    compiledEngineAvailable: () => ({ ok: false, reason: 'not verified with this xstate' }),
  }));
  try {
    return (await import('../src/subsystem/createMapiSubsystem.js')).createMapiSubsystem;
  } finally {
    vi.doUnmock('../src/compiled/adapter.js');
    vi.resetModules();
  }
}

describe('the compiled interpreter asked for where it is unavailable', () => {
  it("xstate's interpreter runs instead and the subsystem says why; a subsystem that asked for xstate has no fallback to report", async () => {
    const create = await withoutCompiledEngine();
    const compiled = create({ profiles: [work()], interpreter: 'compiled' });
    expect(compiled).toMatchObject({ interpreter: 'xstate', interpreterFallback: 'not verified with this xstate' });
    await compiled.initialize();
    expect((await compiled.logonEx({ client: 'c', profileName: 'Work' })).hr).toBe('S_OK');
    for (const options of [{}, { interpreter: 'xstate' as const }]) {
      expect(create({ profiles: [work()], ...options })).toMatchObject({ interpreter: 'xstate', interpreterFallback: null });
    }
  });
});

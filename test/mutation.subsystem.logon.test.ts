import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMapiSubsystem } from '../src/subsystem/createMapiSubsystem.js';
import { RESTORE, SAVE, isRestorable } from '../src/subsystem/savedState.js';
import type { MapiSubsystem } from '../src/subsystem/types.js';
import type { Restorable } from '../src/subsystem/savedState.js';
import { profile, service, store, transport, work } from './helpers/scenario.js';
import { never, tick } from './helpers/async.js';

// Tests written to kill the mutants Stryker found alive in src/subsystem/createMapiSubsystem.ts,
// callbacks.ts and savedState.ts (issue 14, their first measurement).

describe('the options checked when the subsystem is made', () => {
  it('an interpreter other than xstate or compiled is refused with a TypeError naming it', () => {
    expect(() => createMapiSubsystem({ profiles: [work()], interpreter: 'fast' as never })).toThrow(
      new TypeError(`createMapiSubsystem: interpreter must be 'xstate' or 'compiled', got "fast"`),
    );
  });

  it('an inspector with the compiled interpreter is refused (it sees xstate actors only); with xstate it is taken', () => {
    const inspect = () => {};
    expect(() => createMapiSubsystem({ profiles: [work()], interpreter: 'compiled', inspect })).toThrow(
      new TypeError("createMapiSubsystem: an inspector sees xstate actors only; leave interpreter unset or 'xstate' with inspect"),
    );
    expect(createMapiSubsystem({ profiles: [work()], interpreter: 'xstate', inspect }).interpreter).toBe('xstate');
    expect(createMapiSubsystem({ profiles: [work()], interpreter: 'compiled' })).toMatchObject({ interpreter: 'compiled', interpreterFallback: null });
  });
});

describe('service records handed to the caller are its own copies', () => {
  const profiles = [profile('Work', [service('S1', store('M')), service('S2', store('N'), transport('T'))], { default: true })];

  /** A shared session without mail, then a join that tells the spooler (A-R9): what each call reports. */
  async function run(scribble: boolean) {
    const s = createMapiSubsystem({ profiles });
    await s.initialize();
    const a = await s.logonEx({ client: 'a', profileName: 'Work', flags: ['MAPI_ALLOW_OTHERS', 'MAPI_NO_MAIL'] });
    const before = structuredClone(a.services);
    if (scribble) {
      for (const svc of a.services) {
        svc.path.push('X');
        for (const p of svc.providers) {
          p.hrs.push('MAPI_E_CALL_FAILED');
          for (const path of p.paths) path.push('X');
        }
      }
    }
    const b = await s.logonEx({ client: 'b' });
    return { before, report: await b.spoolerStart };
  }

  it('A12, D-R1: a caller that writes into the services MAPILogonEx returned changes nothing the session reports later', async () => {
    const clean = await run(false);
    const scribbled = await run(true);
    expect(scribbled.before).toEqual(clean.before);
    expect(clean.report!.services.map((x) => x.name)).toEqual(['S2']);
    expect(scribbled.report).toEqual(clean.report);
  });
});

describe('D-R1: the dialogs of a spooler start are its own session\'s', () => {
  it('D-R1, B-R3: with another session live, a new session\'s start reports the dialogs it showed', async () => {
    const s = createMapiSubsystem({
      profiles: [
        profile('Plain', [service('S', store('M'))], { default: true }),
        profile('Work', [service('S', store('M'), transport('T', { configured: false }))]),
      ],
      dialogs: { providerConfig: () => 'complete' },
    });
    await s.initialize();
    const a = await s.logonEx({ client: 'a', profileName: 'Plain' });
    expect(a.session!.id).toBe('s1');
    const b = await s.logonEx({ client: 'b', profileName: 'Work', flags: ['MAPI_LOGON_UI'] });
    expect(b.session!.id).toBe('s2');
    expect((await b.spoolerStart)!.dialogLog).toEqual([{ kind: 'providerConfig', answer: 'complete' }]);
    expect(b.dialogLog).toEqual([]);
  });
});

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
    expect(s.state()).toMatchObject({ initCount: 1, initialized: true });
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


describe('S-R1, D-R4: what a logon the last uninitialize ended logs off', () => {
  it('S-R1: every provider it logged on logs off, not only the last one', async () => {
    const loggedOff: string[] = [];
    const s = createMapiSubsystem({
      profiles: [profile('Work', [service('S', store('M1'), store('M2'), store('Hang'))])],
      providerLogon: (ctx) => (ctx.provider === 'Hang' ? never() : 'S_OK'),
      providerLogoff: (p) => void loggedOff.push(p.provider),
    });
    await s.initialize();
    const r = s.logonEx({ client: 'c', profileName: 'Work' });
    await tick();
    await s.uninitialize();
    expect((await r).hr).toBe('MAPI_E_NOT_INITIALIZED');
    expect(loggedOff.sort()).toEqual(['M1', 'M2']);
  });

  it("S-R1, D4: a session's logoff while the logon runs does not log off the logon's own provider of the same name", async () => {
    const calls: string[] = [];
    let hang = false;
    const s = createMapiSubsystem({
      profiles: [profile('Work', [service('S', store('M'), store('Hang'))])],
      providerLogon: (ctx) => (ctx.provider === 'Hang' && hang ? never() : 'S_OK'),
      providerLogoff: (p) => void calls.push(`${p.session ?? 'logon'}:${p.provider}`),
    });
    await s.initialize();
    const a = await s.logonEx({ client: 'a', profileName: 'Work' });
    hang = true;
    const b = s.logonEx({ client: 'b', profileName: 'Work' });
    await tick();
    expect(await a.session!.logoff()).toMatchObject({ hr: 'S_OK', ended: true });
    expect(calls.filter((c) => c.startsWith('logon:'))).toEqual([]);
    await s.uninitialize();
    expect((await b).hr).toBe('MAPI_E_NOT_INITIALIZED');
    expect(calls.filter((c) => c.startsWith('logon:'))).toEqual(['logon:M']);
  });
});

describe('D-R4, C-R6: the logoff reply', () => {
  it('D-R4: without a providerLogoff callback nothing fails to log off', async () => {
    const s = createMapiSubsystem({ profiles: [work()] });
    await s.initialize();
    const r = await s.logonEx({ client: 'c', profileName: 'Work' });
    expect(await r.session!.logoff()).toMatchObject({ hr: 'S_OK', ended: true, loggedOff: ['GAL', 'Mailbox', 'Transport'], logoffErrors: [] });
  });
});

describe('C-R1: the service configuration dialog (C2)', () => {
  it('C-R1: is told which profile and service it configures, inside MAPILogonEx (no session)', async () => {
    const inputs: unknown[] = [];
    const s = createMapiSubsystem({
      profiles: [work()],
      dialogs: {
        serviceConfig: (input) => {
          inputs.push(input);
          return 'complete';
        },
      },
    });
    await s.initialize();
    const r = await s.logonEx({ client: 'c', profileName: 'Work', flags: ['MAPI_SERVICE_UI_ALWAYS', 'MAPI_LOGON_UI'] });
    expect(r.dialogLog).toEqual([{ kind: 'serviceConfig', answer: 'complete' }]);
    expect(inputs).toEqual([expect.objectContaining({ session: null, profile: 'Work', service: 'Exchange' })]);
  });
});

describe('S-R1, V-R1, V-R2: the checks made before the mutex', () => {
  it('S-R1, V-R1: before initialize a logon answers MAPI_E_NOT_INITIALIZED, even with unknown flags', async () => {
    const s = createMapiSubsystem({ profiles: [work()] });
    expect((await s.logonEx({ client: 'c', profileName: 'Work', flags: ['MAPI_NOPE'] })).hr).toBe('MAPI_E_NOT_INITIALIZED');
    expect((await s.logonEx({ client: 'c', profileName: 'Work', flags: ['MAPI_LOGON_UI', 'MAPI_PASSWORD_UI'] })).hr).toBe('MAPI_E_NOT_INITIALIZED');
  });

  it('V-R2, M-R1: a logon its parameters refuse answers at once, without waiting for the logon that holds the mutex', async () => {
    const s = createMapiSubsystem({ profiles: [work()], providerLogon: () => never() });
    await s.initialize();
    const first = s.logonEx({ client: 'a', profileName: 'Work' });
    await tick();
    let hr: string | undefined;
    const second = s.logonEx({ client: 'b', profileName: 'Work', flags: ['MAPI_LOGON_UI', 'MAPI_PASSWORD_UI'] }).then((r) => (hr = r.hr));
    await tick();
    expect(hr).toBe('MAPI_E_INVALID_PARAMETER');
    expect(s.state()).toMatchObject({ logonRunning: true, logonsWaiting: 0 });
    await s.uninitialize();
    expect((await first).hr).toBe('MAPI_E_NOT_INITIALIZED');
    await second;
  });
});

describe('A-R9, C-R3: a join that does not tell the spooler', () => {
  it('A-R9, C-R3: a MAPI_NO_MAIL client joining a shared session whose spooler was never told sets off no spooler start', async () => {
    const s = createMapiSubsystem({ profiles: [work()] });
    await s.initialize();
    await s.logonEx({ client: 'a', profileName: 'Work', flags: ['MAPI_ALLOW_OTHERS', 'MAPI_NO_MAIL'] });
    const b = await s.logonEx({ client: 'b', flags: ['MAPI_NO_MAIL'] });
    expect(b).toMatchObject({ hr: 'S_OK', shared: true, spooler: 'notTold', spoolerStart: null });
  });
});

describe('saving and restoring only between calls (src/subsystem/savedState.ts)', () => {
  const make = () => createMapiSubsystem({ profiles: [work()], interpreter: 'compiled', providerLogon: (ctx) => (ctx.provider === 'Transport' ? never() : 'S_OK') }) as MapiSubsystem & Restorable;

  it('S-R1, D-R1: a subsystem whose spooler start still runs cannot be saved', async () => {
    const s = make();
    await s.initialize();
    const saved = s[SAVE]();
    const r = await s.logonEx({ client: 'c', profileName: 'Work' });
    expect(s.state().logonRunning).toBe(false);
    expect(() => s[SAVE]()).toThrow(new TypeError('createMapiSubsystem: a subsystem can be saved only between calls (no logon, no spooler start)'));
    await s.uninitialize();
    expect(r.hr).toBe('S_OK');
    expect(saved.initCount).toBe(1);
  });

  it('M-R1: a subsystem whose logon still runs cannot be restored', async () => {
    const s = createMapiSubsystem({ profiles: [work()], interpreter: 'compiled', providerLogon: () => never() }) as MapiSubsystem & Restorable;
    await s.initialize();
    const saved = s[SAVE]();
    const r = s.logonEx({ client: 'c', profileName: 'Work' });
    await tick();
    expect(() => s[RESTORE](saved)).toThrow(new TypeError('createMapiSubsystem: a subsystem can be restored only between calls'));
    await s.uninitialize();
    expect((await r).hr).toBe('MAPI_E_NOT_INITIALIZED');
  });
});

describe('S-R1: the last uninitialize called from a callback of a spooler start', () => {
  it('S-R1, D-R1: the session ends once the step that called it is over: it is listed with what it logged off', async () => {
    for (const interpreter of ['xstate', 'compiled'] as const) {
      let uninitialized: Promise<{ endedSessions: unknown[] }> | undefined;
      const s = createMapiSubsystem({
        profiles: [work()],
        interpreter,
        providerLogon: (ctx) => {
          if (ctx.kind === 'transport') uninitialized = s.uninitialize();
          return 'S_OK';
        },
      });
      await s.initialize();
      const r = await s.logonEx({ client: 'c', profileName: 'Work' });
      expect(r.hr, interpreter).toBe('S_OK');
      expect((await uninitialized!).endedSessions, interpreter).toEqual([{ session: 's1', loggedOff: ['GAL', 'Mailbox', 'Transport'] }]);
      expect(s.state().sessions, interpreter).toEqual([]);
    }
  });
});

describe('S-R1: each session is ended once', () => {
  it('S-R1: of two last uninitializes called in one step of a spooler start, the first lists the session and the second nothing', async () => {
    const results: Promise<{ initCount: number; endedSessions: unknown[] }>[] = [];
    const s = createMapiSubsystem({
      profiles: [work()],
      providerLogon: (ctx) => {
        if (ctx.kind === 'transport') {
          results.push(s.uninitialize());
          void s.initialize();
          results.push(s.uninitialize());
        }
        return 'S_OK';
      },
    });
    await s.initialize();
    expect((await s.logonEx({ client: 'c', profileName: 'Work' })).hr).toBe('S_OK');
    const [first, second] = await Promise.all(results);
    expect(first).toMatchObject({ initCount: 0, endedSessions: [{ session: 's1', loggedOff: ['GAL', 'Mailbox', 'Transport'] }] });
    expect(second).toMatchObject({ initCount: 0, endedSessions: [] });
    expect(s.state()).toMatchObject({ initCount: 0, sessions: [] });
  });
});

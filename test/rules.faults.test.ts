import { describe, expect, it } from 'vitest';
import { createMapiSubsystem, DEFAULT_DIALOG_TIMEOUT_MS, DEFAULT_PROVIDER_TIMEOUT_MS } from '../src/subsystem/createMapiSubsystem.js';
import { profile, service, store, transport, work } from './helpers/scenario.js';
import { never } from './helpers/async.js';


describe('C-R10 (v2): a provider or dialog that hangs, throws or lies never hangs the logon', () => {
  it('C-R10: documented defaults: 30 s for a provider, 300 s for a dialog', () => {
    expect(DEFAULT_PROVIDER_TIMEOUT_MS).toBe(30_000);
    expect(DEFAULT_DIALOG_TIMEOUT_MS).toBe(300_000);
  });

  it('C-R10: a provider that never answers counts as MAPI_E_CALL_FAILED after the provider timeout; its signal is aborted', async () => {
    const signals: AbortSignal[] = [];
    const subsystem = createMapiSubsystem({
      profiles: [profile('Work', [service('S', store('M'), store('N'))])],
      providerTimeoutMs: 30,
      providerLogon: (ctx, { signal }) => {
        signals.push(signal);
        return ctx.provider === 'M' ? never() : 'S_OK';
      },
    });
    await subsystem.initialize();
    const r = await subsystem.logonEx({ client: 'c', profileName: 'Work' });
    expect(r.hr).toBe('S_OK');
    // Two attempts of M (C6's silent retry), each timed out: the second failure disables the service.
    expect(r.services[0]).toMatchObject({ state: 'disabled', failures: 2 });
    expect(r.services[0]!.providers[0]).toMatchObject({ hrs: ['MAPI_E_CALL_FAILED', 'MAPI_E_CALL_FAILED'] });
    expect(signals.map((s) => s.aborted)).toEqual([true, true]);
    expect(subsystem.state().logonRunning).toBe(false);
  });

  it('C-R10: a dialog that never answers is cancelled after the dialog timeout; its signal is aborted', async () => {
    let signal: AbortSignal | undefined;
    const subsystem = createMapiSubsystem({
      profiles: [work()],
      dialogTimeoutMs: 30,
      dialogs: {
        profilePicker: (_input, options) => {
          signal = options.signal;
          return never();
        },
      },
    });
    await subsystem.initialize();
    const r = await subsystem.logonEx({ client: 'c', flags: ['MAPI_LOGON_UI'] });
    expect(r).toMatchObject({ hr: 'MAPI_E_USER_CANCEL', dialogLog: [{ kind: 'profilePicker', answer: 'cancel' }] });
    expect(signal?.aborted).toBe(true);
  });

  it.each([
    ['2**32', 2 ** 32],
    ['2**32 + MAPI_E_LOGON_FAILED', 2 ** 32 + 0x80040111],
    ['-1', -1],
    ['a signed HRESULT', 0x80040111 | 0],
    ['1.5', 1.5],
    ['NaN', Number.NaN],
    ['an unknown name', 'E_WHATEVER'],
    ['an object', { hr: 'S_OK' }],
    ['a throwing Proxy', new Proxy({}, { get: () => { throw new Error('trap'); }, has: () => { throw new Error('trap'); } })],
    ['null', null],
  ])('C-R10: an answer that is no HRESULT (%s) is MAPI_E_CALL_FAILED', async (_name, answer) => {
    for (const interpreter of ['xstate', 'compiled'] as const) {
      const subsystem = createMapiSubsystem({
        profiles: [profile('Work', [service('S', store('M'))])],
        interpreter,
        providerLogon: () => answer as never,
      });
      await subsystem.initialize();
      const r = await subsystem.logonEx({ client: 'c', profileName: 'Work' });
      expect(r.hr, interpreter).toBe('S_OK');
      expect(r.services[0]!.providers[0]!.hrs, interpreter).toEqual(['MAPI_E_CALL_FAILED', 'MAPI_E_CALL_FAILED']);
    }
  });

  it('C-R10: HRESULT values are taken as numbers 0…0xFFFFFFFF', async () => {
    const subsystem = createMapiSubsystem({
      profiles: [profile('Work', [service('S', store('M'), store('N'))])],
      providerLogon: (ctx) => (ctx.provider === 'M' ? 0x00040380 : 0),
    });
    await subsystem.initialize();
    const r = await subsystem.logonEx({ client: 'c', profileName: 'Work' });
    expect(r.services[0]!.providers.map((p) => p.hr)).toEqual(['MAPI_W_ERRORS_RETURNED', 'S_OK']);
  });
});

describe('S-R1 (v2): the last uninitialize ends a logon in progress', () => {
  it('S-R1: a hanging logon ends with MAPI_E_NOT_INITIALIZED, its providers are told (signal) and logged off, the mutex is free', async () => {
    const signals: AbortSignal[] = [];
    const loggedOff: string[] = [];
    const subsystem = createMapiSubsystem({
      profiles: [profile('Work', [service('S', store('M'), store('Hang'))])],
      providerLogon: (ctx, { signal }) => {
        signals.push(signal);
        return ctx.provider === 'Hang' ? never() : 'S_OK';
      },
      providerLogoff: (p) => void loggedOff.push(p.provider),
    });
    await subsystem.initialize();
    const pending = subsystem.logonEx({ client: 'c', profileName: 'Work' });
    const waiting = subsystem.logonEx({ client: 'd', profileName: 'Work' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(subsystem.state().logonRunning).toBe(true);
    const u = await subsystem.uninitialize();
    expect(u).toMatchObject({ hr: 'S_OK', initCount: 0, endedSessions: [] });
    const r = await pending;
    expect(r).toMatchObject({ hr: 'MAPI_E_NOT_INITIALIZED', session: null, path: ['A1', 'A2', 'A4', 'A5', 'A11'] });
    expect((await waiting).hr).toBe('MAPI_E_NOT_INITIALIZED');
    expect(signals.at(-1)!.aborted).toBe(true);
    // The store that logged on within the ended logon logs off (model decision of S-R1).
    expect(loggedOff).toEqual(['M']);
    expect(subsystem.state()).toMatchObject({ logonRunning: false, logonsWaiting: 0, sessions: [] });
    // The mutex is free: a new logon runs to its end.
    await subsystem.initialize();
    expect((await subsystem.logonEx({ client: 'c', profileName: 'Nope' })).hr).toBe('MAPI_E_LOGON_FAILED');
  });

  it('S-R1: a hanging transport in a spooler start is aborted when the last uninitialize ends its session', async () => {
    let signal: AbortSignal | undefined;
    const subsystem = createMapiSubsystem({
      profiles: [work()],
      providerLogon: (ctx, options) => {
        if (ctx.kind !== 'transport') return 'S_OK';
        signal = options.signal;
        return never();
      },
    });
    await subsystem.initialize();
    const r = await subsystem.logonEx({ client: 'c', profileName: 'Work' });
    const u = await subsystem.uninitialize();
    expect(u.endedSessions).toEqual([{ session: 's1', loggedOff: ['GAL', 'Mailbox'] }]);
    expect(signal?.aborted).toBe(true);
    await subsystem.initialize();
    expect((await r.session!.statusTable()).hr).toBe('MAPI_E_INVALID_OBJECT');
  });
});

describe('M-R3 (project): a logonEx from inside a callback of the running logon', () => {
  it('M-R3: answers MAPI_E_BUSY at once instead of waiting for itself (sync and after an await)', async () => {
    const inner: string[] = [];
    const subsystem = createMapiSubsystem({
      profiles: [profile('Work', [service('S', store('Sync'), store('Async'))])],
      providerLogon: async (ctx) => {
        if (ctx.provider === 'Async') await new Promise((resolve) => setTimeout(resolve, 1));
        inner.push((await subsystem.logonEx({ client: `inner-${ctx.provider}`, profileName: 'Work' })).hr);
        return 'S_OK';
      },
    });
    await subsystem.initialize();
    const r = await subsystem.logonEx({ client: 'c', profileName: 'Work' });
    expect(r.hr).toBe('S_OK');
    expect(inner).toEqual(['MAPI_E_BUSY', 'MAPI_E_BUSY']);
    // Other clients are not refused: they wait their turn (M-R1).
    expect((await subsystem.logonEx({ client: 'd', profileName: 'Work' })).hr).toBe('S_OK');
  });
});

describe('results are the caller\'s own', () => {
  it('changing a logon result, a status table or state() changes nothing in the subsystem', async () => {
    const subsystem = createMapiSubsystem({ profiles: [work()] });
    await subsystem.initialize();
    const r = await subsystem.logonEx({ client: 'c', profileName: 'Work' });
    const before = JSON.stringify(subsystem.state());
    const tableBefore = JSON.stringify(await r.session!.statusTable());
    r.services[0]!.providers[0]!.state = 'disabled';
    r.services[0]!.providers.push({ ...r.services[0]!.providers[0]!, name: 'Injected', state: 'loggedOn' });
    r.path.push('A99');
    (await r.session!.statusTable()).rows.pop();
    (await r.spoolerStart)!.services[0]!.providers.length = 0;
    subsystem.state().sessions[0]!.services[0]!.providers.length = 0;
    expect(JSON.stringify(subsystem.state())).toBe(before);
    expect(JSON.stringify(await r.session!.statusTable())).toBe(tableBefore);
  });
});

describe('transport defaults', () => {
  it('a transport that is slow but within its timeout logs on', async () => {
    const subsystem = createMapiSubsystem({
      profiles: [profile('Work', [service('S', transport('T'))])],
      providerTimeoutMs: 5_000,
      providerLogon: () => new Promise((resolve) => setTimeout(() => resolve('S_OK'), 20)),
    });
    await subsystem.initialize();
    const r = await subsystem.logonEx({ client: 'c', profileName: 'Work' });
    expect((await r.spoolerStart)!.services[0]!.providers[0]).toMatchObject({ state: 'loggedOn', phase: 'spooler' });
  });
});

describe('calls back into the subsystem from a spooler start', () => {
  it('state() and a status table read from a transport\'s callback while its session starts answer (no half-made session)', async () => {
    const seen: unknown[] = [];
    const subsystem = createMapiSubsystem({
      profiles: [work()],
      providerLogon: (ctx) => {
        if (ctx.phase === 'spooler') seen.push(subsystem.state().sessions.map((s) => s.id));
        return 'S_OK';
      },
    });
    await subsystem.initialize();
    const r = await subsystem.logonEx({ client: 'c', profileName: 'Work' });
    expect(r.hr).toBe('S_OK');
    expect(seen).toEqual([['s1']]);
  });
});

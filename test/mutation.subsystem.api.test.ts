import { describe, expect, it } from 'vitest';
import { createMapiSubsystem } from '../src/subsystem/createMapiSubsystem.js';
import type { ProviderLogoffInput } from '../machines/types.js';
import { profile, service, store, transport, work } from './helpers/scenario.js';
import { never, tick } from './helpers/async.js';

// Tests written to kill the mutants Stryker found alive in src/subsystem/createMapiSubsystem.ts
// (issue 14): flags given to the API, anonymous clients, calls that wait for a spooler start, and
// which providers the last uninitialize logs off.


describe('V-R1, S-R2: flags as the API takes them', () => {
  it('V-R1: a flag name no table knows → MAPI_E_UNKNOWN_FLAGS; a number that is no 32-bit flags value → MAPI_E_INVALID_PARAMETER', async () => {
    const s = createMapiSubsystem({ profiles: [work()] });
    await s.initialize();
    const before = s.state();
    expect((await s.logonEx({ client: 'a', flags: ['MAPI_NOPE'] })).hr).toBe('MAPI_E_UNKNOWN_FLAGS');
    for (const flags of [-1, 1.5, 2 ** 32]) expect((await s.logonEx({ client: 'a', flags })).hr, String(flags)).toBe('MAPI_E_INVALID_PARAMETER');
    expect(s.state()).toEqual(before);
  });

  it('S-R2: a logoff flag name no table knows → MAPI_E_UNKNOWN_FLAGS, and the session goes on', async () => {
    const s = createMapiSubsystem({ profiles: [work()] });
    await s.initialize();
    const r = await s.logonEx({ client: 'a', profileName: 'Work' });
    expect(await r.session!.logoff(['MAPI_NOPE'])).toMatchObject({ hr: 'MAPI_E_UNKNOWN_FLAGS', ended: false });
    expect((await r.session!.statusTable()).hr).toBe('S_OK');
  });

  it('S-R4: a logon without a client is a fresh anonymous client each time', async () => {
    const s = createMapiSubsystem({ profiles: [work()] });
    await s.initialize();
    const one = await s.logonEx({ profileName: 'Work' });
    const two = await s.logonEx({ profileName: 'Work' });
    expect([one.hr, two.hr]).toEqual(['S_OK', 'S_OK']);
    expect(one.session!.client).not.toBe(two.session!.client);
    expect(s.state().holdings.map(([, session]) => session)).toEqual(['s1', 's2']);
  });
});

describe('M-R1, S-R4: the checks are made again once the mutex is ours', () => {
  it('S-R4: of two logons by one client made at once, the one that waited finds the client holding a session → MAPI_E_INVALID_PARAMETER', async () => {
    const s = createMapiSubsystem({ profiles: [work()], providerLogon: async () => 'S_OK' });
    await s.initialize();
    const [first, second] = await Promise.all([s.logonEx({ client: 'a', profileName: 'Work' }), s.logonEx({ client: 'a', profileName: 'Work' })]);
    expect(first).toMatchObject({ hr: 'S_OK' });
    expect(second).toMatchObject({ hr: 'MAPI_E_INVALID_PARAMETER', session: null, path: [] });
    expect(s.state().sessions).toHaveLength(1);
  });
});

describe('D-R2, S-R1: a call waiting for a spooler start that the last uninitialize ends', () => {
  it('D-R2, S-R1: the status table read, the identity query and the logoff that waited answer MAPI_E_NOT_INITIALIZED', async () => {
    const s = createMapiSubsystem({
      profiles: [work()],
      providerLogon: (ctx) => (ctx.kind === 'transport' ? never() : 'S_OK'),
    });
    await s.initialize();
    const r = await s.logonEx({ client: 'c', profileName: 'Work' });
    const session = r.session!;
    const waiting = [session.statusTable(), session.queryIdentity(), session.logoff()];
    await tick();
    expect((await s.uninitialize()).endedSessions).toEqual([{ session: 's1', loggedOff: ['GAL', 'Mailbox'] }]);
    const [table, identity, logoff] = await Promise.all(waiting);
    expect(table).toEqual({ hr: 'MAPI_E_NOT_INITIALIZED', hrValue: 0x80040605, rows: [] });
    expect(identity).toEqual({ hr: 'MAPI_E_NOT_INITIALIZED', hrValue: 0x80040605, identity: null });
    expect(logoff).toMatchObject({ hr: 'MAPI_E_NOT_INITIALIZED', ended: false, loggedOff: [] });
  });
});

describe('S-R1: what the last uninitialize logs off', () => {
  it('S-R1, D-R1: a spooler start running beside a logon is the session\'s: ending the logon logs off only the logon\'s providers', async () => {
    const offs: string[] = [];
    let answerTransport: (hr: 'S_OK') => void = () => {};
    const s = createMapiSubsystem({
      profiles: [work(), profile('Other', [service('X', store('Hang'))])],
      providerLogon: (ctx) => {
        if (ctx.kind === 'transport') return new Promise<'S_OK'>((resolve) => (answerTransport = resolve));
        return ctx.provider === 'Hang' ? never() : 'S_OK';
      },
      providerLogoff: (p: ProviderLogoffInput) => void offs.push(`${p.session}/${p.provider}`),
    });
    await s.initialize();
    // c's session s1 starts its spooler (D-R1: outside the mutex) while d's logon hangs on a store.
    await s.logonEx({ client: 'c', profileName: 'Work' });
    const d = s.logonEx({ client: 'd', profileName: 'Other' });
    await tick();
    expect(s.state().logonRunning).toBe(true);
    answerTransport('S_OK');
    await tick();
    expect(s.state().sessions[0]!.services[0]!.providers[2]!.state).toBe('loggedOn');
    await s.uninitialize();
    expect((await d).hr).toBe('MAPI_E_NOT_INITIALIZED');
    // s1's providers log off as its session ends; d's logon had nothing logged on.
    expect(offs).toEqual(['s1/GAL', 's1/Mailbox', 's1/Transport']);
  });

  it('S-R1, C-R6: a provider a disabled service already logged off is not logged off again when the logon is ended', async () => {
    const offs: string[] = [];
    const s = createMapiSubsystem({
      profiles: [profile('Work', [service('S1', store('A'), store('F')), service('S2', store('B'), store('Hang'))])],
      providerLogon: (ctx) => (ctx.provider === 'F' ? 'MAPI_E_NETWORK_ERROR' : ctx.provider === 'Hang' ? never() : 'S_OK'),
      providerLogoff: (p: ProviderLogoffInput) => void offs.push(`${p.provider}:${p.reason}`),
    });
    await s.initialize();
    const r = s.logonEx({ client: 'c', profileName: 'Work' });
    await tick();
    await s.uninitialize();
    expect((await r).hr).toBe('MAPI_E_NOT_INITIALIZED');
    // F failed twice: S1 is disabled and A logs off (C-R6); the ended logon then logs off B only.
    expect(offs.filter((o) => o.startsWith('A:'))).toHaveLength(1);
    expect(offs.at(-1)).toBe('B:logoff');
  });
});

describe('D-R1: the report of a spooler start a join set off', () => {
  it('D-R1, A-R9: it lists only the services whose transports the start called', async () => {
    const s = createMapiSubsystem({
      profiles: [profile('Work', [service('S1', store('M')), service('S2', store('N'), transport('T'))], { default: true })],
    });
    await s.initialize();
    await s.logonEx({ client: 'a', profileName: 'Work', flags: ['MAPI_ALLOW_OTHERS', 'MAPI_NO_MAIL'] });
    const report = await (await s.logonEx({ client: 'b' })).spoolerStart;
    expect(report!.services.map((x) => x.name)).toEqual(['S2']);
    expect(report!.services[0]!.providers[1]).toMatchObject({ name: 'T', state: 'loggedOn', phase: 'spooler' });
  });
});

describe('C-R10: an answer that is a PromiseLike is awaited', () => {
  it('C-R10: a callable thenable (a function with a then method) is a PromiseLike too: its value is the answer', async () => {
    const callableThenable = <T>(value: T) => Object.assign(() => {}, { then: (resolve: (v: T) => void) => resolve(value) }) as unknown as PromiseLike<T>;
    for (const interpreter of ['xstate', 'compiled'] as const) {
      const s = createMapiSubsystem({
        profiles: [profile('Work', [service('S', store('M'))])],
        interpreter,
        providerLogon: () => callableThenable('S_OK'),
        dialogs: { profilePicker: () => callableThenable('Work') },
      });
      await s.initialize();
      const r = await s.logonEx({ client: 'c', flags: ['MAPI_LOGON_UI'] });
      expect(r, interpreter).toMatchObject({ hr: 'S_OK', profile: 'Work', dialogLog: [{ kind: 'profilePicker', answer: 'Work' }] });
      expect(r.services[0]!.providers[0]!.hrs, interpreter).toEqual(['S_OK']);
    }
  });
});

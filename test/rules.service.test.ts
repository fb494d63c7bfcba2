import { describe, expect, it } from 'vitest';
import { createMapiSubsystem } from '../src/subsystem/createMapiSubsystem.js';
import { ab, init, last, logon, profile, run, service, store, transport, type LogonCallResult } from './helpers/scenario.js';

const one = (...providers: Parameters<typeof service>[1][]) => [profile('Work', [service('S', ...providers)], { default: true })];
const logonWork = (flags: string[] = [], answers = {}) => logon('c', { profileName: 'Work', flags: flags as never, answers });

describe('C-R1: C1/C2 for every service before any provider logs on', () => {
  it('MAPI_SERVICE_UI_ALWAYS shows every service\'s configuration dialog first, in profile order', async () => {
    const r = await last(
      [profile('Work', [service('S1', store('P1', { configured: false })), service('S2', ab('P2'))])],
      logonWork(['MAPI_SERVICE_UI_ALWAYS', 'MAPI_LOGON_UI'], { serviceConfig: ['complete', 'cancel'] }),
    );
    expect(r.dialogs).toEqual(['serviceConfig', 'serviceConfig']);
    expect(r.services.map((s) => s.path)).toEqual([
      ['C1', 'C2', 'C3', 'C8'],
      ['C1', 'C2', 'C3', 'C8'],
    ]);
    // complete marked P1 configured, so B4 said yes.
    expect(r.services[0]!.providers[0]!.paths[0]).toEqual(['B1', 'B2', 'B3', 'B4', 'B5']);
  });

  it('cancelling C2 keeps the stored configuration and logon goes on', async () => {
    const r = await last(one(store('P', { configured: false })), logonWork(['MAPI_SERVICE_UI_ALWAYS'], { serviceConfig: ['cancel'] }));
    expect(r.hr).toBe('S_OK');
    expect(r.services[0]!.providers[0]!.paths[0]).toEqual(['B1', 'B2', 'B3', 'B4', 'B6', 'B7']);
  });

  it('without the flag C1 goes straight on', async () => {
    const r = await last(one(ab('P')), logonWork());
    expect(r.services[0]!.path).toEqual(['C1', 'C3', 'C8']);
  });
});

describe('C-R2: providers log on by kind across the whole profile', () => {
  it('every address book, then every store, then every transport, in profile order', async () => {
    const order: string[] = [];
    const subsystem = createMapiSubsystem({
      profiles: [
        profile('Work', [
          service('S1', transport('T1'), store('M1'), ab('A1')),
          service('S2', store('M2'), ab('A2'), transport('T2')),
        ]),
      ],
      providerLogon: (ctx) => {
        order.push(ctx.provider);
        return 'S_OK';
      },
    });
    await subsystem.initialize();
    await subsystem.logonEx({ profileName: 'Work' });
    expect(order).toEqual(['A1', 'A2', 'M1', 'M2', 'T1', 'T2']);
  });
});

describe('C-R3: MAPI_NO_MAIL', () => {
  it('no transport provider logs on: notStarted', async () => {
    const r = await last(one(ab('A'), transport('T')), logonWork(['MAPI_NO_MAIL']));
    expect(r.services[0]!.providers.map((p) => [p.name, p.state, p.attempts, p.hr])).toEqual([
      ['A', 'loggedOn', 1, 'S_OK'],
      ['T', 'notStarted', 0, null],
    ]);
    expect(r.services[0]!.state).toBe('enabled');
  });
});

describe('C-R4: UI for services and providers exactly with MAPI_LOGON_UI', () => {
  it('without it no providerConfig, serviceConfig or retry dialog appears', async () => {
    const r = await last(
      one(store('P', { configured: false }), ab('Q', { outcomes: ['MAPI_E_NETWORK_ERROR', 'S_OK'] })),
      logonWork([], { providerConfig: ['complete'], serviceConfig: ['complete'], retry: ['retry'] }),
    );
    expect(r.dialogs).toEqual([]);
  });

  it('providers get their no-dialog flag without UI, none with it', async () => {
    const seen: Array<[string, number, boolean]> = [];
    const profiles = [profile('Work', [service('S', ab('A'), store('M'), transport('T'))])];
    for (const flags of [0, 1]) {
      const subsystem = createMapiSubsystem({
        profiles,
        providerLogon: (ctx) => {
          seen.push([ctx.kind, ctx.noDialogFlag, ctx.uiAllowed]);
          return 'S_OK';
        },
        dialogs: { profilePicker: () => 'Work' },
      });
      await subsystem.initialize();
      await subsystem.logonEx({ profileName: 'Work', flags });
    }
    // AB_NO_DIALOG, MDB_NO_DIALOG and LOGON_NO_DIALOG are all 0x1.
    expect(seen).toEqual([
      ['addressBook', 1, false], ['store', 1, false], ['transport', 1, false],
      ['addressBook', 0, true], ['store', 0, true], ['transport', 0, true],
    ]);
  });

  it('MAPI_SERVICE_UI_ALWAYS forces C2 even without UI', async () => {
    const r = await last(one(ab('P')), logonWork(['MAPI_SERVICE_UI_ALWAYS'], { serviceConfig: ['complete'] }));
    expect(r.dialogs).toEqual(['serviceConfig']);
  });
});

describe('C-R5: the two-failure rule', () => {
  it('first failure: C6, one retry of the failing provider, which succeeds; the service stays enabled', async () => {
    const r = await last(one(ab('P', { outcomes: ['MAPI_E_NETWORK_ERROR', 'S_OK'] })), logonWork(['MAPI_LOGON_UI'], { retry: ['retry'] }));
    expect(r.dialogs).toEqual(['retry']);
    expect(r.services[0]).toMatchObject({ state: 'enabled', failures: 1, path: ['C1', 'C3', 'C6', 'C3', 'C8'] });
    expect(r.services[0]!.providers[0]).toMatchObject({ state: 'loggedOn', hr: 'S_OK', attempts: 2 });
  });

  it('second failure at the same provider: C7, the whole service disabled', async () => {
    const r = await last(one(ab('P', { outcomes: ['MAPI_E_NETWORK_ERROR'] }), store('M')), logonWork(['MAPI_LOGON_UI'], { retry: ['retry'] }));
    expect(r.services[0]).toMatchObject({ state: 'disabled', failures: 2, path: ['C1', 'C3', 'C6', 'C3', 'C7'] });
    expect(r.services[0]!.providers.map((p) => [p.name, p.state, p.attempts])).toEqual([
      ['P', 'disabled', 2],
      ['M', 'disabled', 0],
    ]);
  });

  it('second failure at another provider of the service: C7 at once, no retry', async () => {
    const r = await last(
      one(ab('P', { outcomes: ['MAPI_E_NETWORK_ERROR', 'S_OK'] }), store('M', { outcomes: ['MAPI_E_VERSION'] })),
      logonWork([], {}),
    );
    expect(r.services[0]).toMatchObject({ state: 'disabled', failures: 2, path: ['C1', 'C3', 'C6', 'C3', 'C3', 'C7'] });
    expect(r.services[0]!.providers[1]).toMatchObject({ hr: 'MAPI_E_VERSION', attempts: 1 });
  });

  it('MAPI_E_UNCONFIGURED first: C4 configures and retries', async () => {
    const r = await last(
      one(store('P', { configured: false })),
      logonWork(['MAPI_LOGON_UI'], { providerConfig: ['incomplete'], serviceConfig: ['complete'] }),
    );
    expect(r.dialogs).toEqual(['providerConfig', 'serviceConfig']);
    expect(r.services[0]).toMatchObject({ state: 'enabled', failures: 1, path: ['C1', 'C3', 'C4', 'C3', 'C8'] });
    expect(r.services[0]!.providers[0]!.paths).toEqual([
      ['B1', 'B2', 'B3', 'B4', 'B6', 'B8', 'B9', 'B11', 'B12'],
      ['B1', 'B2', 'B3', 'B4', 'B5'],
    ]);
  });

  it('MAPI_E_UNCONFIGURED without UI: C4 retries silently, the second failure disables', async () => {
    const r = await last(one(store('P', { configured: false })), logonWork());
    expect(r.dialogs).toEqual([]);
    expect(r.services[0]).toMatchObject({ state: 'disabled', failures: 2, path: ['C1', 'C3', 'C4', 'C3', 'C7'] });
  });

  it('without UI the C6 retry still happens, silently', async () => {
    const r = await last(one(ab('P', { outcomes: ['MAPI_E_NETWORK_ERROR', 'S_OK'] })), logonWork());
    expect(r.dialogs).toEqual([]);
    expect(r.services[0]).toMatchObject({ state: 'enabled', path: ['C1', 'C3', 'C6', 'C3', 'C8'] });
  });

  it('the retry declined: C7 after one failure', async () => {
    const r = await last(one(ab('P', { outcomes: ['MAPI_E_NETWORK_ERROR', 'S_OK'] })), logonWork(['MAPI_LOGON_UI'], { retry: ['cancel'] }));
    expect(r.services[0]).toMatchObject({ state: 'disabled', failures: 1, path: ['C1', 'C3', 'C6', 'C7'] });
    expect(r.services[0]!.providers[0]).toMatchObject({ attempts: 1, state: 'disabled' });
  });

  it('failures count across kinds: an address book failure and a store failure disable the service', async () => {
    const r = await last(
      [profile('Work', [service('S', ab('A', { outcomes: ['MAPI_E_NETWORK_ERROR', 'S_OK'] }), store('M', { outcomes: ['MAPI_E_NETWORK_ERROR'] }))])],
      logonWork(),
    );
    expect(r.services[0]).toMatchObject({ state: 'disabled', failures: 2 });
  });

  it('a user cancel in the provider dialog is a failure', async () => {
    const r = await last(one(store('P', { configured: false })), logonWork(['MAPI_LOGON_UI'], { providerConfig: ['cancel'], retry: ['retry'] }));
    expect(r.services[0]).toMatchObject({ state: 'disabled', failures: 2, path: ['C1', 'C3', 'C6', 'C3', 'C7'] });
    expect(r.services[0]!.providers[0]!.hr).toBe('MAPI_E_USER_CANCEL');
  });
});

describe('what an app sees of a retry (C-R5, C6)', () => {
  it('the provider is called with attempt 1, then 2; the retry and provider dialogs name the provider, its kind and answer', async () => {
    const calls: string[] = [];
    const shown: unknown[] = [];
    const subsystem = createMapiSubsystem({
      profiles: [profile('Work', [service('S', store('M', { configured: false }), transport('T'))])],
      providerLogon: (ctx) => {
        calls.push(`${ctx.provider}#${ctx.attempt}`);
        return ctx.provider === 'T' && ctx.attempt === 1 ? 'MAPI_E_NETWORK_ERROR' : 'S_OK';
      },
      dialogs: {
        profilePicker: (input) => (shown.push({ picker: input }), 'Work'),
        providerConfig: (input) => (shown.push({ providerConfig: input }), 'complete'),
        retry: (input) => (shown.push({ retry: input }), 'retry'),
      },
    });
    await subsystem.initialize();
    const r = await subsystem.logonEx({ profileName: null, flags: ['MAPI_LOGON_UI'] });
    expect(r.hr).toBe('S_OK');
    expect(calls).toEqual(['M#1', 'T#1', 'T#2']);
    expect(shown).toEqual([
      { picker: { profileName: null, flags: 1 } },
      { providerConfig: { session: null, profile: 'Work', service: 'S', provider: 'M', kind: 'store', attempt: 1 } },
      // The transport is the spooler's, in the live session (D-R1), with the logon's UI permission.
      { retry: { session: 's1', profile: 'Work', service: 'S', provider: 'T', hr: 'MAPI_E_NETWORK_ERROR' } },
    ]);
    expect((await r.spoolerStart)!.dialogLog).toEqual([{ kind: 'retry', answer: 'retry' }]);
  });
});

describe('C-R6: a disabled service', () => {
  it('its providers are never called again, including those not yet reached; others go on', async () => {
    const calls: string[] = [];
    const subsystem = createMapiSubsystem({
      profiles: [
        profile('Work', [
          service('Bad', ab('BA'), store('BM'), transport('BT')),
          service('Good', ab('GA'), store('GM'), transport('GT')),
        ]),
      ],
      providerLogon: (ctx) => {
        calls.push(ctx.provider);
        return ctx.provider === 'BM' ? 'MAPI_E_NETWORK_ERROR' : 'S_OK';
      },
    });
    await subsystem.initialize();
    const r = await subsystem.logonEx({ profileName: 'Work' });
    expect(calls).toEqual(['BA', 'GA', 'BM', 'BM', 'GM', 'GT']);
    const services = (await r.spoolerStart)!.services;
    expect(services[0]!.providers.map((p) => p.state)).toEqual(['disabled', 'disabled', 'disabled']);
    expect(services[1]!.providers.map((p) => p.state)).toEqual(['loggedOn', 'loggedOn', 'loggedOn']);
  });

  it('C-R6, T-R1 (v2): providers of it already logged on are logged off, in D-R4 order, and lose their rows', async () => {
    const loggedOff: string[] = [];
    const subsystem = createMapiSubsystem({
      profiles: [profile('Work', [service('S', store('M1'), ab('A'), store('M2'), transport('T'))])],
      providerLogon: (ctx) => (ctx.provider === 'T' ? 'MAPI_E_NETWORK_ERROR' : 'S_OK'),
      providerLogoff: (ctx) => void loggedOff.push(`${ctx.provider}:${ctx.reason}`),
    });
    await subsystem.initialize();
    const r = await subsystem.logonEx({ client: 'c', profileName: 'Work' });
    expect((await r.spoolerStart)!.services[0]!.state).toBe('disabled');
    expect(loggedOff).toEqual(['A:disabled', 'M1:disabled', 'M2:disabled']);
    const rows = (await r.session!.statusTable()).rows;
    expect(rows.map((row) => row.name)).toEqual(['Work', 'MAPI Spooler', 'MAPI Address Book']);
  });
});

describe('C-R7: MAPI_E_FAILONEPROVIDER', () => {
  it('skips the provider, never counts, never disables', async () => {
    const r = await last(
      one(ab('A', { outcomes: ['MAPI_E_FAILONEPROVIDER'] }), store('M', { outcomes: ['MAPI_E_FAILONEPROVIDER'] }), transport('T')),
      logonWork(),
    );
    expect(r.services[0]).toMatchObject({ state: 'enabled', failures: 0, path: ['C1', 'C3', 'C5', 'C3', 'C5', 'C3', 'C8'] });
    expect(r.services[0]!.providers.map((p) => [p.state, p.attempts])).toEqual([['skipped', 1], ['skipped', 1], ['loggedOn', 1]]);
  });

  it('after one real failure, FAILONEPROVIDER still does not disable', async () => {
    const r = await last(
      one(ab('A', { outcomes: ['MAPI_E_NETWORK_ERROR', 'S_OK'] }), store('M', { outcomes: ['MAPI_E_FAILONEPROVIDER'] })),
      logonWork(),
    );
    expect(r.services[0]).toMatchObject({ state: 'enabled', failures: 1 });
  });
});

describe('C-R8: disabling is per session', () => {
  it('a later new session tries the service again', async () => {
    const results = await run(
      one(ab('P', { outcomes: ['MAPI_E_NETWORK_ERROR', 'MAPI_E_NETWORK_ERROR', 'S_OK'] })),
      [init, logonWork(), logon('d', { profileName: 'Work', flags: ['MAPI_NEW_SESSION'] })],
    );
    expect((results[1] as LogonCallResult).services[0]!.state).toBe('disabled');
    expect((results[2] as LogonCallResult).services[0]).toMatchObject({ state: 'enabled', failures: 0 });
  });
});

describe('C-R9: provider session limits', () => {
  const limited = one(ab('P', { sessionLimit: 1, outcomes: ['S_OK', 'MAPI_E_NETWORK_ERROR'] }));

  it('MAPI_E_SESSION_LIMIT while n other live sessions hold it; a failure under C-R5', async () => {
    const results = await run(limited, [init, logon('a', { profileName: 'Work' }), logon('b', { profileName: 'Work' })]);
    const second = results[2] as LogonCallResult;
    expect(second.hr).toBe('S_OK');
    expect(second.services[0]).toMatchObject({ state: 'disabled', failures: 2 });
    expect(second.services[0]!.providers[0]).toMatchObject({ hr: 'MAPI_E_SESSION_LIMIT', attempts: 2 });
  });

  it('the scripted outcome is not used up by a limit answer', async () => {
    const results = await run(limited, [
      init,
      logon('a', { profileName: 'Work' }),
      logon('b', { profileName: 'Work' }),
      { op: 'logoff', client: 'a' },
      logon('e', { profileName: 'Work' }),
    ]);
    // a took S_OK; b's two limit answers took nothing; e gets the second outcome.
    const third = results[4] as LogonCallResult;
    expect(third.services[0]!.providers[0]!.hr).toBe('MAPI_E_NETWORK_ERROR');
  });

  it('the limit is checked after flowchart B', async () => {
    const results = await run(limited, [init, logon('a', { profileName: 'Work' }), logon('b', { profileName: 'Work' })]);
    expect((results[2] as LogonCallResult).services[0]!.providers[0]!.paths[0]).toEqual(['B1', 'B2', 'B3', 'B4', 'B5']);
  });

  it('a logoff frees the place', async () => {
    const results = await run(limited, [init, logon('a', { profileName: 'Work' }), { op: 'logoff', client: 'a' }, logon('b', { profileName: 'Work' })]);
    expect((results[3] as LogonCallResult).services[0]!.providers[0]!.hr).not.toBe('MAPI_E_SESSION_LIMIT');
  });

  it('a limit of 0 always answers MAPI_E_SESSION_LIMIT', async () => {
    const r = await last(one(ab('P', { sessionLimit: 0 })), logonWork());
    expect(r.services[0]!.providers[0]).toMatchObject({ hr: 'MAPI_E_SESSION_LIMIT', state: 'disabled' });
  });
});

describe('C-R10: faulty providers', () => {
  it.each([
    ['throws', () => { throw new Error('boom'); }],
    ['rejects', () => Promise.reject(new Error('boom'))],
    ['answers garbage', () => ({ not: 'an hresult' }) as never],
    ['answers an unknown number', () => 12345],
  ])('a provider that %s counts as MAPI_E_CALL_FAILED; the logon completes', async (_, providerLogon) => {
    const subsystem = createMapiSubsystem({ profiles: one(ab('P')), providerLogon: providerLogon as never });
    await subsystem.initialize();
    const r = await subsystem.logonEx({ profileName: 'Work' });
    expect(r.hr).toBe('S_OK');
    expect(r.services[0]!.providers[0]).toMatchObject({ hr: 'MAPI_E_CALL_FAILED', attempts: 2, state: 'disabled' });
  });

  it('an HRESULT given by value is understood', async () => {
    const subsystem = createMapiSubsystem({ profiles: one(ab('P')), providerLogon: () => 0x8004011d });
    await subsystem.initialize();
    const r = await subsystem.logonEx({ profileName: 'Work' });
    expect(r.services[0]!.providers[0]).toMatchObject({ hr: 'MAPI_E_FAILONEPROVIDER', state: 'skipped' });
  });
});

describe('C-R5 (v2): a warning is a success', () => {
  it('C-R5: MAPI_W_ERRORS_RETURNED logs the provider on, keeps the warning as its hr, and is no failure', async () => {
    const r = await last(
      one(ab('A', { outcomes: ['MAPI_W_ERRORS_RETURNED'] }), store('M', { outcomes: ['MAPI_W_ERRORS_RETURNED'] }), store('N', { outcomes: ['MAPI_E_NETWORK_ERROR', 'S_OK'] })),
      logonWork(),
    );
    expect(r.services[0]).toMatchObject({ state: 'enabled', failures: 1, path: ['C1', 'C3', 'C3', 'C3', 'C6', 'C3', 'C8'] });
    expect(r.services[0]!.providers.map((p) => [p.state, p.hr])).toEqual([
      ['loggedOn', 'MAPI_W_ERRORS_RETURNED'],
      ['loggedOn', 'MAPI_W_ERRORS_RETURNED'],
      ['loggedOn', 'S_OK'],
    ]);
  });

  it('C-R5: hrs keeps the answer of every attempt, hr the last', async () => {
    const r = await last(one(store('M', { outcomes: ['MAPI_E_NETWORK_ERROR', 'MAPI_W_ERRORS_RETURNED'] })), logonWork());
    expect(r.services[0]!.providers[0]).toMatchObject({ hr: 'MAPI_W_ERRORS_RETURNED', hrs: ['MAPI_E_NETWORK_ERROR', 'MAPI_W_ERRORS_RETURNED'], attempts: 2 });
  });
});

import { describe, expect, it } from 'vitest';
import { createMapiSubsystem } from '../src/subsystem/createMapiSubsystem.js';
import type { ProviderLogoffInput } from '../machines/types.js';
import { ab, init, last, logon, profile, run, service, store, transport, work, type LogoffCallResult, type LogonCallResult } from './helpers/scenario.js';

const identityProfile = (primary: boolean) =>
  profile(
    'Work',
    [
      service('Exchange', ab('GAL', { identity: 'GAL user' }), store('Mailbox', { identity: 'Ann', primaryIdentity: primary })),
      service('Files', store('PST', { identity: 'Files user', primaryIdentity: true, outcomes: ['MAPI_E_FAILONEPROVIDER'] })),
    ],
    { default: true },
  );

describe('D-R1: the spooler starts the transports once, after MAPILogonEx returned', () => {
  it('D-R1: right after A12 the spooler logs the transports on (phase spooler); every service ends C8 once', async () => {
    const r = await last([work()], logon('c', { profileName: 'Work' }));
    expect(r.services[0]!.path).toEqual(['C1', 'C3', 'C3', 'C3', 'C8']);
    expect(r.services[0]!.providers.map((p) => p.phase)).toEqual(['logon', 'logon', 'spooler']);
    expect(r.spooler).toBe('told');
  });

  it('D-R1: the logon mutex is not held during the spooler start: a second logon runs while a transport hangs', async () => {
    let releaseTransport!: () => void;
    const subsystem = createMapiSubsystem({
      profiles: [work()],
      providerLogon: (ctx) => (ctx.kind === 'transport' && ctx.session === 's1' ? new Promise<string>((r) => (releaseTransport = () => r('S_OK'))) : 'S_OK'),
    });
    await subsystem.initialize();
    const first = await subsystem.logonEx({ client: 'a', profileName: 'Work' });
    expect(first.hr).toBe('S_OK');
    const second = await subsystem.logonEx({ client: 'b', profileName: 'Work' });
    expect(second.session?.id).toBe('s2');
    releaseTransport();
    const started = await first.spoolerStart!;
    expect(started.services[0]!.providers[2]).toMatchObject({ name: 'Transport', state: 'loggedOn', phase: 'spooler' });
  });

  it('D-R2, T-R2: a status table read and a logoff wait for a running spooler start', async () => {
    let releaseTransport!: () => void;
    const subsystem = createMapiSubsystem({
      profiles: [work()],
      providerLogon: (ctx) => (ctx.kind === 'transport' ? new Promise<string>((r) => (releaseTransport = () => r('S_OK'))) : 'S_OK'),
    });
    await subsystem.initialize();
    const r = await subsystem.logonEx({ client: 'a', profileName: 'Work' });
    let read = false;
    const table = r.session!.statusTable().then((t) => ((read = true), t));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(read).toBe(false);
    releaseTransport();
    expect((await table).rows.map((row) => row.name)).toContain('Transport');
  });
});

describe('A-R9: each client of a shared session keeps its own flags', () => {
  it('A-R9, C-R3: a MAPI_NO_MAIL creator leaves the spooler untold; a joiner with MAPI_NO_MAIL too; the first messaging joiner tells it', async () => {
    const results = await run([work()], [
      init,
      logon('indexer', { profileName: 'Work', flags: ['MAPI_ALLOW_OTHERS', 'MAPI_NO_MAIL'] }),
      logon('search', { flags: ['MAPI_NO_MAIL'] }),
      logon('outlook'),
      logon('addin'),
    ]);
    const [, indexer, search, outlook, addin] = results as LogonCallResult[];
    expect(indexer!.spooler).toBe('notTold');
    expect(indexer!.services[0]!.providers[2]).toMatchObject({ state: 'notStarted', phase: null, attempts: 0, hr: null });
    expect(search).toMatchObject({ spooler: 'notTold', services: [], path: ['A1', 'A2', 'A3'] });
    // The join that tells the spooler lists the services whose transports it started, whole.
    expect(outlook).toMatchObject({ spooler: 'told', path: ['A1', 'A2', 'A3'] });
    expect(outlook!.services.map((s) => s.name)).toEqual(['Exchange']);
    expect(outlook!.services[0]!.path).toEqual(['C1', 'C3', 'C3', 'C8', 'C3', 'C8']);
    expect(outlook!.services[0]!.providers[2]).toMatchObject({ state: 'loggedOn', phase: 'spooler', attempts: 1 });
    // D-R1: once per session.
    expect(addin).toMatchObject({ spooler: 'told', services: [] });
  });

  it('A-R9: a MAPI_NO_MAIL joiner of a messaging session changes nothing of it', async () => {
    const results = await run([work()], [init, logon('outlook', { profileName: 'Work', flags: ['MAPI_ALLOW_OTHERS'] }), logon('indexer', { flags: ['MAPI_NO_MAIL'] })]);
    expect(results[2]).toMatchObject({ spooler: 'told', services: [], shared: true });
  });

  it('A-R9, C-R4: the spooler start set off by a join allows UI as the join does, and takes the join\'s answers', async () => {
    const p = profile('Work', [service('S', store('M'), transport('T', { outcomes: ['MAPI_E_NETWORK_ERROR', 'S_OK'] }))], { default: true });
    const creator = logon('indexer', { profileName: 'Work', flags: ['MAPI_ALLOW_OTHERS', 'MAPI_NO_MAIL', 'MAPI_LOGON_UI'] });
    const quiet = (await run([p], [init, creator, logon('quiet')]))[2] as LogonCallResult;
    // Without UI on the join the retry is silent (C6 → C3), though the creator allowed UI.
    expect(quiet.services[0]!.path.slice(-3)).toEqual(['C6', 'C3', 'C8']);
    expect(quiet.dialogs).toEqual([]);
    const asking = (await run([p], [init, creator, logon('outlook', { flags: ['MAPI_LOGON_UI'], answers: { retry: ['cancel'] } })]))[2] as LogonCallResult;
    // With the join's UI the retry dialog is the join's, and its answer (declined) disables the service.
    expect(asking.dialogs).toEqual(['retry']);
    expect(asking.services[0]!.path.slice(-2)).toEqual(['C6', 'C7']);
  });
});

describe('D-R3: QueryIdentity', () => {
  it('D-R3: the first primary identity among the logged-on providers', async () => {
    const r = await last([identityProfile(true)], logon('c', { profileName: 'Work' }), { op: 'queryIdentity', client: 'c' });
    expect(r).toMatchObject({ hr: 'S_OK', identity: { provider: 'Mailbox', service: 'Exchange', display: 'Ann' } });
  });

  it('D-R3: without a primary identity, the first logged-on provider that supplies one; a skipped one never counts', async () => {
    const r = await last([identityProfile(false)], logon('c', { profileName: 'Work' }), { op: 'queryIdentity', client: 'c' });
    expect(r).toMatchObject({ hr: 'S_OK', identity: { provider: 'GAL', service: 'Exchange', display: 'GAL user' } });
  });

  it('D-R3: no provider supplies an identity → MAPI_W_NO_SERVICE (0x00040203), identity null', async () => {
    const r = await last([work()], logon('c', { profileName: 'Work' }), { op: 'queryIdentity', client: 'c' });
    expect(r).toMatchObject({ hr: 'MAPI_W_NO_SERVICE', hrValue: 0x00040203, identity: null });
  });

  it('D-R3, S-R1: on an ended session MAPI_E_INVALID_OBJECT; before initialize MAPI_E_NOT_INITIALIZED', async () => {
    const results = await run([work()], [
      { op: 'queryIdentity', client: 'c' },
      init,
      logon('c', { profileName: 'Work' }),
      { op: 'logoff', client: 'c' },
      { op: 'queryIdentity', client: 'c' },
    ]);
    expect(results[0]).toMatchObject({ hr: 'MAPI_E_NOT_INITIALIZED' });
    expect(results[4]).toMatchObject({ hr: 'MAPI_E_INVALID_OBJECT', identity: null });
  });
});

describe('D-R4 and S-R2: logoff', () => {
  const mixed = profile('Work', [service('S1', transport('T1'), store('M1'), ab('A1')), service('S2', store('M2'), ab('A2'))], { default: true });

  it('D-R4: address books, then stores, then transports, each in profile order; the app\'s callback sees the same', async () => {
    const seen: ProviderLogoffInput[] = [];
    const subsystem = createMapiSubsystem({ profiles: [mixed], providerLogoff: (p) => void seen.push(p) });
    await subsystem.initialize();
    const r = await subsystem.logonEx({ client: 'c', profileName: 'Work' });
    await r.spoolerStart;
    const off = await r.session!.logoff();
    expect(off).toMatchObject({ hr: 'S_OK', ended: true, loggedOff: ['A1', 'A2', 'M1', 'M2', 'T1'], notified: [] });
    expect(seen.map((p) => `${p.service}/${p.provider}/${p.kind}/${p.reason}/${p.session}`)).toEqual([
      'S1/A1/addressBook/logoff/s1',
      'S2/A2/addressBook/logoff/s1',
      'S1/M1/store/logoff/s1',
      'S2/M2/store/logoff/s1',
      'S1/T1/transport/logoff/s1',
    ]);
  });

  it('D-R4: a logoff callback that throws or rejects is recorded, and the next provider logs off all the same', async () => {
    const seen: string[] = [];
    const subsystem = createMapiSubsystem({
      profiles: [mixed],
      providerLogoff: (p) => {
        seen.push(p.provider);
        if (p.provider === 'A1') throw new Error('boom');
        if (p.provider === 'M1') return Promise.reject(new Error('later'));
        return undefined;
      },
    });
    await subsystem.initialize();
    const r = await subsystem.logonEx({ client: 'c', profileName: 'Work' });
    const off = await r.session!.logoff();
    expect(off).toMatchObject({ hr: 'S_OK', ended: true, loggedOff: ['A1', 'A2', 'M1', 'M2', 'T1'], logoffErrors: ['A1'] });
    expect(seen).toEqual(['A1', 'A2', 'M1', 'M2', 'T1']);
  });

  it('S-R2 (v2): MAPI_LOGOFF_SHARED ends the shared session and notifies the others in the order they joined', async () => {
    const results = await run([work()], [
      init,
      logon('a', { profileName: 'Work', flags: ['MAPI_ALLOW_OTHERS'] }),
      logon('b'),
      logon('c'),
      logon('d'),
      { op: 'logoff', client: 'c', flags: ['MAPI_LOGOFF_SHARED'] },
      { op: 'statusTable', client: 'd' },
      logon('d', { profileName: 'Work' }),
    ]);
    expect(results[5]).toMatchObject({ hr: 'S_OK', ended: true, notified: ['a', 'b', 'd'], loggedOff: ['GAL', 'Mailbox', 'Transport'] });
    expect(results[6]).toMatchObject({ hr: 'MAPI_E_INVALID_OBJECT' });
    // d no longer holds a live session (S-R4), and no shared session is left to join.
    expect(results[7]).toMatchObject({ hr: 'S_OK', session: 's2', shared: false });
  });

  it('S-R2 (v2): a client leaving a shared session others hold ends nothing and notifies no one; the last one ends it', async () => {
    const results = await run([work()], [
      init,
      logon('a', { profileName: 'Work', flags: ['MAPI_ALLOW_OTHERS'] }),
      logon('b'),
      { op: 'logoff', client: 'a' },
      { op: 'logoff', client: 'b', flags: ['MAPI_LOGOFF_SHARED'] },
    ]);
    expect(results[3]).toMatchObject({ hr: 'S_OK', ended: false, loggedOff: [], notified: [] });
    expect(results[4]).toMatchObject({ hr: 'S_OK', ended: true, notified: [], loggedOff: ['GAL', 'Mailbox', 'Transport'] });
  });

  it('S-R2 (v2): MAPI_LOGOFF_SHARED on an individual session is ignored: it ends as any logoff', async () => {
    const r = await last<LogoffCallResult>([work()], logon('a', { profileName: 'Work' }), { op: 'logoff', client: 'a', flags: ['MAPI_LOGOFF_SHARED', 'MAPI_LOGOFF_UI'] });
    expect(r).toMatchObject({ hr: 'S_OK', ended: true, notified: [] });
  });

  it('S-R2 (v2): unknown logoff flag bits → MAPI_E_UNKNOWN_FLAGS and nothing changes; the checks go NOT_INITIALIZED, INVALID_OBJECT, UNKNOWN_FLAGS', async () => {
    const results = await run([work()], [
      { op: 'logoff', client: 'a', flags: 4 },
      init,
      { op: 'logoff', client: 'a', flags: 4 },
      logon('a', { profileName: 'Work' }),
      { op: 'logoff', client: 'a', flags: 0x80 },
      { op: 'statusTable', client: 'a' },
    ]);
    expect(results.map((r) => r.hr)).toEqual([
      'MAPI_E_NOT_INITIALIZED',
      'S_OK',
      'MAPI_E_INVALID_OBJECT',
      'S_OK',
      'MAPI_E_UNKNOWN_FLAGS',
      'S_OK',
    ]);
  });
});

describe('D-R5: an ended session keeps nothing alive', () => {
  it('D-R5: the subsystem holds live sessions only; ended ones are not kept', async () => {
    const subsystem = createMapiSubsystem({ profiles: [work()] });
    await subsystem.initialize();
    const handles = [];
    for (let i = 0; i < 50; i++) {
      const r = await subsystem.logonEx({ client: `c${i}`, profileName: 'Work' });
      handles.push(r.session!);
      if (i % 10 !== 0) await r.session!.logoff();
    }
    const state = subsystem.state();
    expect(state.sessions.map((s) => s.id)).toEqual(['s1', 's11', 's21', 's31', 's41']);
    expect(state.holdings).toHaveLength(5);
    // An ended session's handle still answers, with MAPI_E_INVALID_OBJECT.
    expect((await handles[1]!.statusTable()).hr).toBe('MAPI_E_INVALID_OBJECT');
  });
});

describe('B-R3 across the spooler start', () => {
  it('B-R3: a transport configured in the spooler start\'s dialog stays configured for later sessions', async () => {
    const p = profile('Work', [service('S', store('M'), transport('T', { configured: false }))], { default: true });
    const results = await run([p], [
      init,
      logon('a', { profileName: 'Work', flags: ['MAPI_LOGON_UI'], answers: { providerConfig: ['complete'] } }),
      { op: 'logoff', client: 'a' },
      logon('b', { profileName: 'Work' }),
    ]);
    expect((results[1] as LogonCallResult).services[0]!.providers[1]!.paths[0]).toEqual(['B1', 'B2', 'B3', 'B4', 'B6', 'B8', 'B9', 'B10']);
    // Without UI, a transport still unconfigured would end at B7; it was configured for good.
    expect((results[3] as LogonCallResult).services[0]!.providers[1]!.paths[0]).toEqual(['B1', 'B2', 'B3', 'B4', 'B5']);
  });
});

import { describe, expect, it } from 'vitest';
import { createMapiSubsystem, type MapiSubsystem, type MapiSubsystemOptions } from '../src/subsystem/createMapiSubsystem.js';
import { RESTORE, SAVE, type Restorable } from '../src/subsystem/savedState.js';
import { profile, service, store, work } from './helpers/scenario.js';

// Tests written to kill the mutants Stryker found alive in src/subsystem/sessionTable.ts (issue 14):
// who holds what, the shared session's end, and what C-R9 counts.

async function started(options: Partial<MapiSubsystemOptions> = {}) {
  const s = createMapiSubsystem({ profiles: [work()], ...options });
  await s.initialize();
  return s;
}

describe('S-R2, S-R4: holdings', () => {
  it('S-R4: state() lists which client holds which live session', async () => {
    const s = await started();
    await s.logonEx({ client: 'a', profileName: 'Work', flags: ['MAPI_ALLOW_OTHERS'] });
    await s.logonEx({ client: 'b' });
    await s.logonEx({ client: 'c', profileName: 'Work', flags: ['MAPI_NEW_SESSION'] });
    expect(s.state().holdings).toEqual([
      ['a', 's1'],
      ['b', 's1'],
      ['c', 's2'],
    ]);
    expect(s.state().sessions.map((x) => x.clients)).toEqual([['a', 'b'], ['c']]);
  });

  it('S-R2, S-R4: a client that left a shared session others hold no longer holds it and may log on again', async () => {
    const s = await started();
    await s.logonEx({ client: 'a', profileName: 'Work', flags: ['MAPI_ALLOW_OTHERS'] });
    const b = await s.logonEx({ client: 'b' });
    await s.logonEx({ client: 'c' });
    expect(await b.session!.logoff()).toMatchObject({ hr: 'S_OK', ended: false });
    expect(s.state().sessions[0]!.clients).toEqual(['a', 'c']);
    expect(s.state().holdings).toEqual([
      ['a', 's1'],
      ['c', 's1'],
    ]);
    // Its handle is dead; the client is free to log on again (S-R4), here joining once more.
    expect((await b.session!.statusTable()).hr).toBe('MAPI_E_INVALID_OBJECT');
    expect(await s.logonEx({ client: 'b' })).toMatchObject({ hr: 'S_OK', shared: true });
  });

  it('S-R2, D5: a handle from an earlier logon of the same client stays dead once the client holds a new session', async () => {
    const s = await started();
    const first = (await s.logonEx({ client: 'a', profileName: 'Work' })).session!;
    await first.logoff();
    const second = await s.logonEx({ client: 'a', profileName: 'Work' });
    expect(second.session!.id).toBe('s2');
    expect((await first.statusTable()).hr).toBe('MAPI_E_INVALID_OBJECT');
    expect((await first.queryIdentity()).hr).toBe('MAPI_E_INVALID_OBJECT');
    expect((await first.logoff()).hr).toBe('MAPI_E_INVALID_OBJECT');
    // The old handle's logoff ended nothing: s2 is live and a's.
    expect(s.state().holdings).toEqual([['a', 's2']]);
  });
});

describe('S-R2, A-R7: the shared session', () => {
  it('S-R2: once the shared session ended there is no shared session any more', async () => {
    const s = await started();
    const a = await s.logonEx({ client: 'a', profileName: 'Work', flags: ['MAPI_ALLOW_OTHERS'] });
    expect(s.state().shared).toBe('s1');
    await a.session!.logoff();
    expect(s.state().shared).toBeNull();
  });

  it('A-R7, S-R2: an individual session ending leaves the shared one shared: the next logon joins it', async () => {
    const s = await started();
    await s.logonEx({ client: 'a', profileName: 'Work', flags: ['MAPI_ALLOW_OTHERS'] });
    const b = await s.logonEx({ client: 'b', profileName: 'Work', flags: ['MAPI_NEW_SESSION'] });
    await b.session!.logoff();
    expect(s.state().shared).toBe('s1');
    expect(await s.logonEx({ client: 'c' })).toMatchObject({ hr: 'S_OK', shared: true, path: ['A1', 'A2', 'A3'] });
  });
});

describe('C-R9: what counts toward a provider\'s session limit', () => {
  it('C-R9: a provider of the same name in another profile does not count', async () => {
    const s = createMapiSubsystem({
      profiles: [
        profile('One', [service('S', store('M'))]),
        profile('Two', [service('S', store('M', { sessionLimit: 1 }))]),
      ],
    });
    await s.initialize();
    expect((await s.logonEx({ client: 'a', profileName: 'One' })).services[0]!.providers[0]!.state).toBe('loggedOn');
    const r = await s.logonEx({ client: 'b', profileName: 'Two' });
    expect(r.services[0]!.providers[0]).toMatchObject({ state: 'loggedOn', hrs: ['S_OK'] });
  });

  it('C-R9: only the provider of that service counts, not one of the same name in another service', async () => {
    const s = createMapiSubsystem({
      profiles: [profile('P', [service('S1', store('X')), service('S2', store('M', { sessionLimit: 1 }), store('N'))])],
    });
    await s.initialize();
    await s.logonEx({ client: 'a', profileName: 'P' });
    const r = await s.logonEx({ client: 'b', profileName: 'P' });
    // M is logged on in a's session: b's M hits its limit (twice: C6's silent retry).
    expect(r.services[1]!.providers[0]!.hrs).toEqual(['MAPI_E_SESSION_LIMIT', 'MAPI_E_SESSION_LIMIT']);
  });

  it('C-R9: another provider of the service logged on does not count toward this one\'s limit', async () => {
    let mLogons = 0;
    const s = createMapiSubsystem({
      profiles: [profile('P', [service('S', store('M', { sessionLimit: 1 }), store('N'))])],
      // M is skipped in the first session (C-R7), so only N of the service is logged on there.
      providerLogon: (ctx) => (ctx.provider === 'M' && ++mLogons === 1 ? 'MAPI_E_FAILONEPROVIDER' : 'S_OK'),
    });
    await s.initialize();
    const a = await s.logonEx({ client: 'a', profileName: 'P' });
    expect(a.services[0]!.providers.map((p) => p.state)).toEqual(['skipped', 'loggedOn']);
    const b = await s.logonEx({ client: 'b', profileName: 'P' });
    expect(b.services[0]!.providers[0]).toMatchObject({ state: 'loggedOn', hrs: ['S_OK'] });
  });
});

describe('saving and restoring between calls (src/subsystem/savedState.ts)', () => {
  it('S-R4, A3: a saved state stays as saved: restored twice, with a join in between, it is the same both times', async () => {
    const mapi = createMapiSubsystem({ profiles: [work()], interpreter: 'compiled' }) as MapiSubsystem & Restorable;
    await mapi.initialize();
    await mapi.logonEx({ client: 'a', profileName: 'Work', flags: ['MAPI_ALLOW_OTHERS'] });
    const saved = mapi[SAVE]();
    const before = mapi.state();
    mapi[RESTORE](saved);
    expect((await mapi.logonEx({ client: 'b' })).shared).toBe(true);
    expect(mapi.state().sessions[0]!.clients).toEqual(['a', 'b']);
    mapi[RESTORE](saved);
    expect(mapi.state()).toEqual(before);
  });
});

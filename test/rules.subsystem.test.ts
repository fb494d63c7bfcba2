import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMapiSubsystem } from '../src/subsystem/createMapiSubsystem.js';
import { init, last, logon, run, work, type LogoffCallResult, type LogonCallResult, type StatusTableCallResult } from './helpers/scenario.js';

describe('S-R1: initialization', () => {
  it('MAPILogonEx before MAPIInitialize → MAPI_E_NOT_INITIALIZED', async () => {
    const [r] = await run([work()], [logon('c', { profileName: 'Work' })]);
    expect(r).toMatchObject({ hr: 'MAPI_E_NOT_INITIALIZED', hrValue: 0x80040605, session: null, path: [] });
  });

  it('S-R1 (v2): the last MAPIUninitialize ends every live session, in creation order, its providers logged off', async () => {
    const results = await run([work()], [
      init,
      logon('a', { profileName: 'Work', flags: ['MAPI_ALLOW_OTHERS'] }),
      logon('b', { profileName: 'Work', flags: ['MAPI_NEW_SESSION'] }),
      { op: 'uninitialize' },
      { op: 'statusTable', client: 'a' },
      { op: 'logoff', client: 'b' },
      logon('a', { profileName: 'Work' }),
      init,
      logon('a'),
      { op: 'statusTable', client: 'b' },
    ]);
    expect(results[3]).toMatchObject({
      hr: 'S_OK',
      initCount: 0,
      endedSessions: [
        { session: 's1', loggedOff: ['GAL', 'Mailbox', 'Transport'] },
        { session: 's2', loggedOff: ['GAL', 'Mailbox', 'Transport'] },
      ],
    });
    // While the count is zero every call but initialize/uninitialize answers MAPI_E_NOT_INITIALIZED.
    expect(results.slice(4, 7).map((r) => r.hr)).toEqual(['MAPI_E_NOT_INITIALIZED', 'MAPI_E_NOT_INITIALIZED', 'MAPI_E_NOT_INITIALIZED']);
    // The shared session ended with it: a is free to log on, and there is nothing to join.
    expect(results[8]).toMatchObject({ hr: 'MAPI_E_LOGON_FAILED', path: ['A1', 'A2', 'A4', 'A6', 'A8', 'A10'] });
    // After a new initialize, a session the uninitialize ended answers MAPI_E_INVALID_OBJECT.
    expect(results[9]).toMatchObject({ hr: 'MAPI_E_INVALID_OBJECT' });
  });

  it('S-R1 (v2): initialize and uninitialize are reference-counted; only the last uninitialize ends anything', async () => {
    const results = await run([work()], [
      init,
      init,
      logon('a', { profileName: 'Work' }),
      { op: 'uninitialize' },
      { op: 'statusTable', client: 'a' },
      { op: 'uninitialize' },
      { op: 'uninitialize' },
      logon('b', { profileName: 'Work' }),
    ]);
    expect(results.map((r) => (r as { initCount?: number }).initCount)).toEqual([1, 2, undefined, 1, undefined, 0, 0, undefined]);
    expect(results[3]).toMatchObject({ hr: 'S_OK', endedSessions: [] });
    expect(results[4]).toMatchObject({ hr: 'S_OK' });
    expect(results[5]).toMatchObject({ endedSessions: [{ session: 's1' }] });
    // An uninitialize at count zero changes nothing.
    expect(results[6]).toMatchObject({ hr: 'S_OK', initCount: 0, endedSessions: [] });
    expect(results[7]).toMatchObject({ hr: 'MAPI_E_NOT_INITIALIZED' });
  });
});

describe('S-R2: logoff', () => {
  it('an individual session ends; any call on it fails with MAPI_E_INVALID_OBJECT', async () => {
    const results = await run([work()], [init, logon('a', { profileName: 'Work' }), { op: 'logoff', client: 'a' }, { op: 'statusTable', client: 'a' }, { op: 'logoff', client: 'a' }]);
    expect(results[2]).toMatchObject({ hr: 'S_OK', ended: true });
    expect(results[3]).toMatchObject({ hr: 'MAPI_E_INVALID_OBJECT', hrValue: 0x80040108 });
    expect(results[4]).toMatchObject({ hr: 'MAPI_E_INVALID_OBJECT' });
  });

  it('a shared session ends when its last client logs off', async () => {
    const results = await run([work()], [
      init,
      logon('a', { profileName: 'Work', flags: ['MAPI_ALLOW_OTHERS'] }),
      logon('b'),
      { op: 'logoff', client: 'a' },
      { op: 'statusTable', client: 'b' },
      { op: 'logoff', client: 'b' },
      logon('c'),
    ]);
    expect(results[2]).toMatchObject({ session: 's1', shared: true });
    expect(results[3]).toMatchObject({ hr: 'S_OK', ended: false });
    expect((results[4] as StatusTableCallResult).hr).toBe('S_OK');
    expect(results[5]).toMatchObject({ hr: 'S_OK', ended: true });
    // No shared session any more: c goes down A2 no.
    expect((results[6] as LogonCallResult).path.slice(0, 3)).toEqual(['A1', 'A2', 'A4']);
  });

  it('MAPI_LOGOFF_SHARED ends it at once for all its clients', async () => {
    const results = await run([work()], [
      init,
      logon('a', { profileName: 'Work', flags: ['MAPI_ALLOW_OTHERS'] }),
      logon('b'),
      { op: 'logoff', client: 'b', flags: ['MAPI_LOGOFF_SHARED'] },
      { op: 'statusTable', client: 'a' },
      logon('c'),
    ]);
    expect((results[3] as LogoffCallResult)).toMatchObject({ hr: 'S_OK', ended: true });
    expect(results[4]!.hr).toBe('MAPI_E_INVALID_OBJECT');
    expect((results[5] as LogonCallResult).path).not.toContain('A3');
  });

  it('a client that never logged on has no session to log off', async () => {
    const r = await last([work()], { op: 'logoff', client: 'ghost' });
    expect(r.hr).toBe('MAPI_E_INVALID_OBJECT');
  });

  it('unknown logoff flag bits → MAPI_E_UNKNOWN_FLAGS, and the session lives on', async () => {
    const results = await run([work()], [init, logon('a', { profileName: 'Work' }), { op: 'logoff', client: 'a', flags: 0x100 }, { op: 'statusTable', client: 'a' }]);
    expect(results[2]!.hr).toBe('MAPI_E_UNKNOWN_FLAGS');
    expect(results[3]!.hr).toBe('S_OK');
  });
});

describe('S-R3: many logons are allowed', () => {
  it('same and different profiles, each its own session', async () => {
    const results = await run([work(), { name: 'Home', services: [] }], [
      init,
      logon('a', { profileName: 'Work' }),
      logon('b', { profileName: 'Work' }),
      logon('c', { profileName: 'Home' }),
    ]);
    expect(results.slice(1).map((r) => (r as LogonCallResult).session)).toEqual(['s1', 's2', 's3']);
  });
});

describe('S-R4: a client holds at most one session', () => {
  it('a logon by a client that holds a live session → MAPI_E_INVALID_PARAMETER, nothing changed', async () => {
    const results = await run([work()], [
      init,
      logon('a', { profileName: 'Work' }),
      logon('a', { profileName: 'Work', flags: ['MAPI_NEW_SESSION'] }),
      { op: 'statusTable', client: 'a' },
      logon('b', { profileName: 'Work' }),
    ]);
    expect(results[2]).toMatchObject({ hr: 'MAPI_E_INVALID_PARAMETER', session: null, path: [] });
    expect(results[3]).toMatchObject({ hr: 'S_OK', session: 's1' });
    // No session id was used up.
    expect(results[4]).toMatchObject({ session: 's2' });
  });

  it('after logoff the client may log on again', async () => {
    const r = await last([work()], logon('a', { profileName: 'Work' }), { op: 'logoff', client: 'a' }, logon('a', { profileName: 'Work' }));
    expect(r).toMatchObject({ hr: 'S_OK', session: 's2' });
  });

  it('the check comes after V-R1..V-R4', async () => {
    const r = await last([work()], logon('a', { profileName: 'Work' }), logon('a', { flags: 0x4 }));
    expect(r.hr).toBe('MAPI_E_UNKNOWN_FLAGS');
  });
});

describe('M-R1 / M-R2: the logon mutex', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Every provider takes `ms` of (fake) time to answer: three providers, so a logon takes 3 × ms. */
  function slowSubsystem(ms: number, shortTimeoutMs?: number) {
    const calls: string[] = [];
    const subsystem = createMapiSubsystem({
      profiles: [work()],
      ...(shortTimeoutMs !== undefined ? { shortTimeoutMs } : {}),
      providerLogon: async (ctx) => {
        calls.push(`${ctx.phase}:${ctx.provider}`);
        await new Promise((r) => setTimeout(r, ms));
        return 'S_OK';
      },
    });
    return { subsystem, calls };
  }

  it('M-R1: concurrent logons are serialized in arrival order', async () => {
    vi.useFakeTimers();
    const { subsystem, calls } = slowSubsystem(10);
    await subsystem.initialize();
    const pending = ['a', 'b', 'c'].map((client) => subsystem.logonEx({ client, profileName: 'Work' }));
    await vi.advanceTimersByTimeAsync(1000);
    const results = await Promise.all(pending);
    expect(results.map((r) => r.session?.id)).toEqual(['s1', 's2', 's3']);
    // One logon's providers, then the next's: never interleaved. The transports are the spooler's,
    // after MAPILogonEx returned, outside the mutex (D-R1).
    expect(calls.filter((c) => c.startsWith('logon:'))).toEqual(['logon:GAL', 'logon:Mailbox', 'logon:GAL', 'logon:Mailbox', 'logon:GAL', 'logon:Mailbox']);
    expect(calls.filter((c) => c.startsWith('spooler:'))).toEqual(['spooler:Transport', 'spooler:Transport', 'spooler:Transport']);
  });

  it('M-R2: with MAPI_TIMEOUT_SHORT a logon that waits too long → MAPI_E_TIMEOUT, nothing left behind', async () => {
    vi.useFakeTimers();
    const { subsystem } = slowSubsystem(1000, 1000);
    await subsystem.initialize();
    const first = subsystem.logonEx({ client: 'a', profileName: 'Work' });
    const waiting = subsystem.logonEx({ client: 'b', profileName: 'Work', flags: ['MAPI_TIMEOUT_SHORT'] });
    const third = subsystem.logonEx({ client: 'c', profileName: 'Work' });
    await vi.advanceTimersByTimeAsync(1001);
    const timedOut = await waiting;
    expect(timedOut).toMatchObject({ hr: 'MAPI_E_TIMEOUT', hrValue: 0x80040401, session: null, path: [], dialogs: [] });
    await vi.advanceTimersByTimeAsync(10_000);
    // The first is unaffected; the timed-out one took no session id and no place in the queue.
    expect((await first).session?.id).toBe('s1');
    expect((await third).session?.id).toBe('s2');
    const b = subsystem.state().holdings.find(([client]) => client === 'b');
    expect(b).toBeUndefined();
  });

  it('M-R2: a short-timeout logon that gets the mutex in time runs normally', async () => {
    vi.useFakeTimers();
    const { subsystem } = slowSubsystem(100, 1000);
    await subsystem.initialize();
    const first = subsystem.logonEx({ client: 'a', profileName: 'Work' });
    const second = subsystem.logonEx({ client: 'b', profileName: 'Work', flags: ['MAPI_TIMEOUT_SHORT'] });
    await vi.advanceTimersByTimeAsync(5000);
    expect((await first).hr).toBe('S_OK');
    expect(await second).toMatchObject({ hr: 'S_OK', session: expect.objectContaining({ id: 's2' }) });
  });

  it('M-R2: without MAPI_TIMEOUT_SHORT a logon waits as long as it takes', async () => {
    vi.useFakeTimers();
    const { subsystem } = slowSubsystem(60_000, 1000);
    await subsystem.initialize();
    const first = subsystem.logonEx({ client: 'a', profileName: 'Work' });
    const second = subsystem.logonEx({ client: 'b', profileName: 'Work' });
    await vi.advanceTimersByTimeAsync(400_000);
    expect((await first).hr).toBe('S_OK');
    expect((await second).hr).toBe('S_OK');
  });

  it('M-R2: the default short timeout is 5000 ms', async () => {
    vi.useFakeTimers();
    const { subsystem } = slowSubsystem(10_000);
    await subsystem.initialize();
    const first = subsystem.logonEx({ client: 'a', profileName: 'Work' });
    let settled = false;
    const waiting = subsystem.logonEx({ client: 'b', profileName: 'Work', flags: ['MAPI_TIMEOUT_SHORT'] }).then((r) => {
      settled = true;
      return r;
    });
    await vi.advanceTimersByTimeAsync(4999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(2);
    expect((await waiting).hr).toBe('MAPI_E_TIMEOUT');
    await vi.advanceTimersByTimeAsync(100_000);
    expect((await first).hr).toBe('S_OK');
  });
});

import { describe, expect, it } from 'vitest';
import { createMapiSubsystem } from '../src/subsystem/createMapiSubsystem.js';
import { parseScenario, ScenarioError } from '../src/schema/parseScenario.js';
import { init, logon, run, work, type CallIn, type LogonCallResult } from './helpers/scenario.js';

/** Runs `bad` between two good logons and checks it changed nothing the later calls can see. */
async function changesNothing(bad: CallIn) {
  const withBad = await run([work()], [init, logon('a', { profileName: 'Work', flags: ['MAPI_ALLOW_OTHERS'] }), bad, logon('z'), logon('y', { profileName: 'Work' })]);
  const without = await run([work()], [init, logon('a', { profileName: 'Work', flags: ['MAPI_ALLOW_OTHERS'] }), logon('z'), logon('y', { profileName: 'Work' })]);
  expect(withBad.slice(3)).toEqual(without.slice(2));
  return withBad[2] as LogonCallResult;
}

describe('V-R1..V-R4: bad input gets its HRESULT and changes nothing', () => {
  it('V-R1: unknown flag bits → MAPI_E_UNKNOWN_FLAGS', async () => {
    const r = await changesNothing(logon('b', { profileName: 'Work', flags: 0x4 }));
    expect(r).toMatchObject({ hr: 'MAPI_E_UNKNOWN_FLAGS', hrValue: 0x80040106, session: null, path: [], dialogs: [], services: [] });
  });

  it('V-R2: MAPI_LOGON_UI with MAPI_PASSWORD_UI → MAPI_E_INVALID_PARAMETER', async () => {
    const r = await changesNothing(logon('b', { profileName: 'Work', flags: ['MAPI_LOGON_UI', 'MAPI_PASSWORD_UI'] }));
    expect(r).toMatchObject({ hr: 'MAPI_E_INVALID_PARAMETER', hrValue: 0x80070057, path: [] });
  });

  it('V-R3: a profile name longer than 64 characters → MAPI_E_INVALID_PARAMETER; 64 is fine', async () => {
    const r = await changesNothing(logon('b', { profileName: 'x'.repeat(65) }));
    expect(r).toMatchObject({ hr: 'MAPI_E_INVALID_PARAMETER', path: [] });
    const [, ok] = await run([work()], [init, logon('b', { profileName: 'x'.repeat(64), flags: ['MAPI_NEW_SESSION'] })]);
    expect(ok).toMatchObject({ hr: 'MAPI_E_LOGON_FAILED', path: ['A1', 'A4', 'A5', 'A11', 'A13', 'A15'] });
  });

  it('V-R4: a password that is not NULL → MAPI_E_INVALID_PARAMETER', async () => {
    const r = await changesNothing(logon('b', { profileName: 'Work', password: 'secret' }));
    expect(r).toMatchObject({ hr: 'MAPI_E_INVALID_PARAMETER', path: [] });
  });

  it('V-R4: even an empty password is not NULL', async () => {
    const r = await changesNothing(logon('b', { profileName: 'Work', password: '' }));
    expect(r.hr).toBe('MAPI_E_INVALID_PARAMETER');
  });

  it('the checks run in SPEC order: S-R1 first, then V-R1, V-R2, V-R3, V-R4', async () => {
    const everything = logon('b', { profileName: 'x'.repeat(65), password: 'p', flags: 0x4 | 0x1 | 0x20000 });
    expect((await run([work()], [everything]))[0]!.hr).toBe('MAPI_E_NOT_INITIALIZED');
    expect((await run([work()], [init, everything]))[1]!.hr).toBe('MAPI_E_UNKNOWN_FLAGS');
  });

  it('the subsystem state is equal before and after a rejected logon', async () => {
    const subsystem = createMapiSubsystem({ profiles: [work()] });
    await subsystem.initialize();
    await subsystem.logonEx({ client: 'a', profileName: 'Work', flags: ['MAPI_ALLOW_OTHERS'] });
    const before = subsystem.state();
    for (const params of [
      { client: 'b', flags: 0x4 },
      { client: 'b', flags: ['MAPI_LOGON_UI', 'MAPI_PASSWORD_UI'] },
      { client: 'b', profileName: 'y'.repeat(65) },
      { client: 'b', password: 'pw' },
      { client: 'a', profileName: 'Work' },
      { client: 'b', flags: ['NOT_A_FLAG'] },
    ]) {
      const r = await subsystem.logonEx(params);
      expect(r.session).toBeNull();
      expect(subsystem.state()).toEqual(before);
    }
  });
});

describe('V-R5: a malformed scenario names the field', () => {
  const good = () => ({
    profiles: [{ name: 'Work', default: true, credentials: 'valid', services: [{ name: 'S', providers: [{ name: 'P', kind: 'store' }] }] }],
    calls: [{ op: 'initialize' }, { op: 'logon', client: 'c', profileName: null, password: null, flags: ['MAPI_USE_DEFAULT'] }],
  });
  type Doc = ReturnType<typeof good> & Record<string, unknown>;
  const cases: Array<[string, (d: Doc) => void, RegExp]> = [
    ['unknown op', (d) => ((d.calls[0] as { op: string }).op = 'explode'), /^calls\[0\]\.op: unknown op "explode"/],
    ['missing op', (d) => delete (d.calls[0] as { op?: string }).op, /^calls\[0\]\.op: unknown op/],
    ['logon without client', (d) => delete (d.calls[1] as { client?: string }).client, /^calls\[1\]\.client: /],
    ['logoff without client', (d) => d.calls.push({ op: 'logoff' } as never), /^calls\[2\]\.client: /],
    ['statusTable without client', (d) => d.calls.push({ op: 'statusTable' } as never), /^calls\[2\]\.client: /],
    ['unknown flag name', (d) => ((d.calls[1] as { flags: string[] }).flags = ['MAPI_USE_DEFAULT', 'MAPI_FOO']), /^calls\[1\]\.flags\[1\]: unknown logon flag name "MAPI_FOO"/],
    ['a logoff flag on a logon', (d) => ((d.calls[1] as { flags: string[] }).flags = ['MAPI_LOGOFF_SHARED']), /^calls\[1\]\.flags\[0\]: unknown logon flag name/],
    ['flags of the wrong type', (d) => ((d.calls[1] as { flags: unknown }).flags = 'MAPI_LOGON_UI'), /^calls\[1\]\.flags: expected a list of logon flag names or one number/],
    ['unknown provider kind', (d) => ((d.profiles[0]!.services[0]!.providers[0] as { kind: string }).kind = 'printer'), /^profiles\[0\]\.services\[0\]\.providers\[0\]\.kind: unknown provider kind "printer"/],
    ['unknown HRESULT name', (d) => ((d.profiles[0]!.services[0]!.providers[0] as { outcomes?: string[] }).outcomes = ['S_OK', 'E_NOPE']), /^profiles\[0\]\.services\[0\]\.providers\[0\]\.outcomes\[1\]: unknown HRESULT name "E_NOPE"/],
    ['unknown answer', (d) => ((d.calls[1] as { answers?: unknown }).answers = { retry: ['maybe'] }), /^calls\[1\]\.answers\.retry\[0\]: unknown retry answer "maybe"/],
    ['unknown dialog kind', (d) => ((d.calls[1] as { answers?: unknown }).answers = { captcha: ['x'] }), /^calls\[1\]\.answers: unknown dialog kind "captcha"/],
    ['profilePicker answer naming no profile', (d) => ((d.calls[1] as { answers?: unknown }).answers = { profilePicker: ['Home'] }), /^calls\[1\]\.answers\.profilePicker\[0\]: profilePicker answer "Home" names no profile/],
    ['two default profiles', (d) => d.profiles.push({ ...d.profiles[0]!, name: 'Home', default: true }), /^profiles\[1\]\.default: more than one default profile/],
    ['a mistyped field', (d) => ((d.profiles[0]!.services[0]!.providers[0] as { configured?: unknown }).configured = 'yes'), /^profiles\[0\]\.services\[0\]\.providers\[0\]\.configured: /],
    ['a missing field', (d) => delete (d.profiles[0]!.services[0]!.providers[0] as { name?: string }).name, /^profiles\[0\]\.services\[0\]\.providers\[0\]\.name: /],
    ['missing calls', (d) => delete (d as { calls?: unknown }).calls, /^calls: /],
    ['a negative flag number', (d) => ((d.calls[1] as { flags: unknown }).flags = -1), /^calls\[1\]\.flags: /],
  ];

  it.each(cases)('%s', (_, spoil, message) => {
    const doc = good() as Doc;
    spoil(doc);
    expect(() => parseScenario(doc)).toThrow(ScenarioError);
    expect(() => parseScenario(doc)).toThrow(message);
  });

  it('the good document parses, with defaults filled in', () => {
    const s = parseScenario(good());
    expect(s.profiles[0]!.services[0]!.providers[0]).toMatchObject({ configured: true, storesConfig: true });
  });

  it('a picker answer "cancel" is not a profile name', () => {
    const doc = good();
    (doc.calls[1] as { answers?: unknown }).answers = { profilePicker: ['cancel'] };
    expect(() => parseScenario(doc)).not.toThrow();
  });
});

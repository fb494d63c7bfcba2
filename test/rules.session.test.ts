import { describe, expect, it } from 'vitest';
import { createMapiSubsystem } from '../src/subsystem/createMapiSubsystem.js';
import { ab, last, logon, profile, run, service, work, init, type LogonCallResult } from './helpers/scenario.js';

const sharedFirst = logon('first', { profileName: 'Work', flags: ['MAPI_ALLOW_OTHERS'] });

describe('A-R1: returning the shared session', () => {
  it('ignores the profile name and does no credential check, dialog or provider logon', async () => {
    const r = await last(
      [work(), profile('Home', [service('S', ab('P', { outcomes: ['MAPI_E_CALL_FAILED'] }))], { credentials: 'invalid' })],
      sharedFirst,
      logon('c', { profileName: 'Home', flags: ['MAPI_LOGON_UI', 'MAPI_SERVICE_UI_ALWAYS'], answers: { serviceConfig: ['complete'] } }),
    );
    expect(r).toMatchObject({ hr: 'S_OK', session: 's1', shared: true, profile: 'Work', path: ['A1', 'A2', 'A3'], dialogs: [], services: [] });
  });

  it('even a missing profile name joins', async () => {
    const r = await last([work()], sharedFirst, logon('c', { profileName: 'Nope' }));
    expect(r).toMatchObject({ hr: 'S_OK', session: 's1', shared: true });
  });
});

describe('A-R2: a profile that does not exist cannot be validated', () => {
  it('a specified missing profile: A11 no, then A15', async () => {
    const r = await last([work()], logon('c', { profileName: 'Nope' }));
    expect(r).toMatchObject({ hr: 'MAPI_E_LOGON_FAILED', session: null, path: ['A1', 'A2', 'A4', 'A5', 'A11', 'A13', 'A15'] });
  });

  it('no default profile at A7: A11 no', async () => {
    const r = await last([profile('Work', [])], logon('c', { flags: ['MAPI_USE_DEFAULT'] }));
    expect(r).toMatchObject({ hr: 'MAPI_E_LOGON_FAILED', profile: null, path: ['A1', 'A2', 'A4', 'A6', 'A7', 'A11', 'A13', 'A15'] });
  });

  it('a valid password at A14 cannot fix it: MAPI_E_LOGON_FAILED at A14', async () => {
    const r = await last([work()], logon('c', { profileName: 'Nope', flags: ['MAPI_PASSWORD_UI'], answers: { password: ['valid'] } }));
    expect(r).toMatchObject({ hr: 'MAPI_E_LOGON_FAILED', session: null, dialogs: ['password'], path: ['A1', 'A2', 'A4', 'A5', 'A11', 'A13', 'A14'], services: [] });
  });
});

describe('A-R3: the profile picker', () => {
  it('cancelled: MAPI_E_USER_CANCEL at A9', async () => {
    const r = await last([work()], logon('c', { flags: ['MAPI_LOGON_UI'], answers: { profilePicker: ['cancel'] } }));
    expect(r).toMatchObject({ hr: 'MAPI_E_USER_CANCEL', hrValue: 0x80040113, session: null, dialogs: ['profilePicker'], path: ['A1', 'A2', 'A4', 'A6', 'A8', 'A9'] });
  });

  it('with no answer left it is cancelled', async () => {
    const r = await last([work()], logon('c', { flags: ['MAPI_LOGON_UI'] }));
    expect(r.hr).toBe('MAPI_E_USER_CANCEL');
  });

  it('the picked profile is the one logged on', async () => {
    const r = await last([work(), profile('Home', [])], logon('c', { flags: ['MAPI_LOGON_UI'], answers: { profilePicker: ['Home'] } }));
    expect(r).toMatchObject({ hr: 'S_OK', profile: 'Home' });
  });
});

describe('A-R4: the password prompt', () => {
  const P = [work({ credentials: 'invalid' })];
  const withPassword = (answer: 'valid' | 'invalid' | 'cancel') =>
    logon('c', { profileName: 'Work', flags: ['MAPI_PASSWORD_UI'], answers: { password: [answer] } });

  it('valid: goes on as A11 yes, to A12', async () => {
    const r = await last(P, withPassword('valid'));
    expect(r).toMatchObject({ hr: 'S_OK', session: 's1', path: ['A1', 'A2', 'A4', 'A5', 'A11', 'A13', 'A14', 'A12'] });
    expect(r.services[0]!.state).toBe('enabled');
  });

  it('invalid: MAPI_E_LOGON_FAILED after one prompt', async () => {
    const r = await last(P, withPassword('invalid'));
    expect(r).toMatchObject({ hr: 'MAPI_E_LOGON_FAILED', dialogs: ['password'], session: null });
  });

  it('cancel: MAPI_E_USER_CANCEL', async () => {
    const r = await last(P, withPassword('cancel'));
    expect(r).toMatchObject({ hr: 'MAPI_E_USER_CANCEL', dialogs: ['password'], session: null });
  });

  it('a valid answer counts for this logon only: the stored credentials stay invalid', async () => {
    const results = await run(P, [init, withPassword('valid'), { op: 'logoff', client: 'c' }, logon('c', { profileName: 'Work' })]);
    expect((results[3] as LogonCallResult).hr).toBe('MAPI_E_LOGON_FAILED');
  });

  it('no password prompt with valid stored credentials', async () => {
    const r = await last([work()], logon('c', { profileName: 'Work', flags: ['MAPI_PASSWORD_UI'], answers: { password: ['invalid'] } }));
    expect(r).toMatchObject({ hr: 'S_OK', dialogs: [] });
  });
});

describe('A-R5: the services run between A11 and A12', () => {
  it('A12 returns S_OK even when services end disabled; the result lists them', async () => {
    const r = await last(
      [profile('Work', [service('Bad', ab('P', { outcomes: ['MAPI_E_NETWORK_ERROR'] })), service('Good', ab('Q'))])],
      logon('c', { profileName: 'Work' }),
    );
    expect(r).toMatchObject({ hr: 'S_OK', session: 's1' });
    expect(r.path.at(-1)).toBe('A12');
    expect(r.services.map((s) => [s.name, s.state])).toEqual([['Bad', 'disabled'], ['Good', 'enabled']]);
  });

  it('a logon that ends before A11 has services: []', async () => {
    expect((await last([work()], logon('c'))).services).toEqual([]);
  });
});

describe('A-R6: MAPI_EXPLICIT_PROFILE never makes the default profile be used', () => {
  it('with a NULL name and no MAPI_USE_DEFAULT it goes on to A8', async () => {
    const r = await last([work()], logon('c', { flags: ['MAPI_EXPLICIT_PROFILE'] }));
    expect(r).toMatchObject({ hr: 'MAPI_E_LOGON_FAILED', path: ['A1', 'A2', 'A4', 'A6', 'A8', 'A10'] });
  });

  it('with MAPI_USE_DEFAULT the default is used, as without it', async () => {
    const r = await last([work()], logon('c', { flags: ['MAPI_EXPLICIT_PROFILE', 'MAPI_USE_DEFAULT'] }));
    expect(r).toMatchObject({ hr: 'S_OK', profile: 'Work' });
  });
});

describe('A-R7: MAPI_ALLOW_OTHERS', () => {
  it('a new session becomes the shared session if there is none', async () => {
    const r = await last([work()], sharedFirst);
    expect(r).toMatchObject({ hr: 'S_OK', shared: true, session: 's1' });
  });

  it('if one exists already, the new session stays individual', async () => {
    const r = await last([work()], sharedFirst, logon('b', { profileName: 'Work', flags: ['MAPI_NEW_SESSION', 'MAPI_ALLOW_OTHERS'] }));
    expect(r).toMatchObject({ hr: 'S_OK', shared: false, session: 's2' });
  });

  it('MAPI_NEW_SESSION never returns the shared session', async () => {
    const r = await last([work()], sharedFirst, logon('b', { flags: ['MAPI_NEW_SESSION', 'MAPI_USE_DEFAULT'] }));
    expect(r).toMatchObject({ session: 's2', shared: false });
    expect(r.path).not.toContain('A2');
  });

  it('without MAPI_ALLOW_OTHERS a session is individual and nobody joins it', async () => {
    const results = await run([work()], [init, logon('a', { profileName: 'Work' }), logon('b', { profileName: 'Work' })]);
    expect((results[2] as LogonCallResult)).toMatchObject({ session: 's2', shared: false });
  });
});

describe('A-R8: flags that change no edge are accepted', () => {
  it.each(['MAPI_EXTENDED', 'MAPI_UNICODE', 'MAPI_BG_SESSION', 'MAPI_NT_SERVICE', 'MAPI_FORCE_DOWNLOAD', 'MAPI_TIMEOUT_SHORT'] as const)(
    '%s: same path as without it',
    async (flag) => {
      const plain = await last([work()], logon('c', { profileName: 'Work' }));
      const flagged = await last([work()], logon('c', { profileName: 'Work', flags: [flag] }));
      expect(flagged.hr).toBe('S_OK');
      expect(flagged.path).toEqual(plain.path);
      // C-R2 (v2): MAPI_FORCE_DOWNLOAD changes who calls the transports, nothing else.
      const byLogon = (services: LogonCallResult['services']) =>
        services.map((svc) => ({ ...svc, providers: svc.providers.map((p) => ({ ...p, phase: p.phase && 'called' })) }));
      expect(byLogon(flagged.services)).toEqual(byLogon(plain.services));
    },
  );

  it('C-R2 (v2): transports are the spooler\'s after the logon, or the logon\'s own with MAPI_FORCE_DOWNLOAD', async () => {
    const phases = (r: LogonCallResult) => r.services[0]!.providers.map((p) => `${p.name}:${p.phase}`);
    const plain = await last([work()], logon('c', { profileName: 'Work' }));
    const forced = await last([work()], logon('c', { profileName: 'Work', flags: ['MAPI_FORCE_DOWNLOAD'] }));
    const noMail = await last([work()], logon('c', { profileName: 'Work', flags: ['MAPI_FORCE_DOWNLOAD', 'MAPI_NO_MAIL'] }));
    expect(phases(plain)).toEqual(['GAL:logon', 'Mailbox:logon', 'Transport:spooler']);
    expect(phases(forced)).toEqual(['GAL:logon', 'Mailbox:logon', 'Transport:logon']);
    expect(phases(noMail)).toEqual(['GAL:logon', 'Mailbox:logon', 'Transport:null']);
    expect([plain.spooler, forced.spooler, noMail.spooler]).toEqual(['told', 'told', 'notTold']);
  });

  it('MFCMAPI\'s logon flags 0x3B (a number) work', async () => {
    const r = await last([work()], logon('c', { flags: 0x3b, answers: { profilePicker: ['Work'] } }));
    expect(r).toMatchObject({ hr: 'S_OK', path: ['A1', 'A4', 'A6', 'A8', 'A9', 'A11', 'A12'] });
  });
});

describe('what an app sees of A14 (A-R4)', () => {
  it('the password dialog is told which profile it unlocks', async () => {
    const shown: unknown[] = [];
    const subsystem = createMapiSubsystem({
      profiles: [{ name: 'Work', default: true, credentials: 'invalid', services: [] }],
      dialogs: { password: (input) => (shown.push(input), 'valid') },
    });
    await subsystem.initialize();
    const r = await subsystem.logonEx({ profileName: 'Work', flags: ['MAPI_PASSWORD_UI'] });
    expect(r).toMatchObject({ hr: 'S_OK', path: ['A1', 'A2', 'A4', 'A5', 'A11', 'A13', 'A14', 'A12'] });
    expect(shown).toEqual([{ profile: 'Work' }]);
  });
});

describe('A-R2 (v2): profile names are matched ignoring case', () => {
  it('A-R2: a profile named in another case is found, and keeps the name it was created with', async () => {
    const results = await run([work()], [
      init,
      logon('a', { profileName: 'WORK' }),
      logon('b', { flags: ['MAPI_LOGON_UI'], answers: { profilePicker: ['wOrK'] } }),
      { op: 'statusTable', client: 'a' },
    ]);
    expect(results[1]).toMatchObject({ hr: 'S_OK', profile: 'Work', path: ['A1', 'A2', 'A4', 'A5', 'A11', 'A12'] });
    expect(results[2]).toMatchObject({ hr: 'S_OK', profile: 'Work' });
    expect((results[3] as { rows: Array<{ name: string }> }).rows[0]!.name).toBe('Work');
  });

  it('A-R2: a name that matches no profile in any case still cannot be validated (A11 no)', async () => {
    const r = await last([work()], logon('a', { profileName: 'Works' }));
    expect(r).toMatchObject({ hr: 'MAPI_E_LOGON_FAILED', path: ['A1', 'A2', 'A4', 'A5', 'A11', 'A13', 'A15'] });
  });
});

import { describe, expect, it } from 'vitest';
import { createMapiSubsystem, type MapiDialogs, type MapiSubsystem } from '../src/subsystem/createMapiSubsystem.js';
import { RESTORE, SAVE, type Restorable } from '../src/subsystem/savedState.js';
import { profile, service, store, transport, work } from './helpers/scenario.js';

// Tests written to kill the mutants Stryker found alive in src/subsystem (issue 14): how the app's
// dialog answers are read and logged. README "Faults": a missing dialog, one that throws, times
// out or answers nonsense means cancel.

async function pick(profilePicker: MapiDialogs['profilePicker'] | undefined) {
  const s = createMapiSubsystem({ profiles: [work()], dialogs: profilePicker ? { profilePicker } : {} });
  await s.initialize();
  return s.logonEx({ client: 'c', flags: ['MAPI_LOGON_UI'] });
}

describe('A-R3: the profile picker (A9)', () => {
  it('A-R3: the picked profile is logged by name and logs on', async () => {
    for (const answer of ['Work', Promise.resolve('Work')]) {
      const r = await pick(() => answer);
      expect(r).toMatchObject({ hr: 'S_OK', profile: 'Work', dialogs: ['profilePicker'], dialogLog: [{ kind: 'profilePicker', answer: 'Work' }] });
    }
  });

  it('A-R3: "cancel", null, a non-string, a throw, a rejection or no dialog at all → MAPI_E_USER_CANCEL, logged as cancel', async () => {
    const answers: Array<MapiDialogs['profilePicker'] | undefined> = [
      () => 'cancel',
      () => null,
      () => 42 as never,
      () => Promise.resolve('cancel'),
      () => {
        throw new Error('broken dialog');
      },
      () => Promise.reject(new Error('broken dialog')),
      undefined,
    ];
    for (const answer of answers) {
      const r = await pick(answer);
      expect(r).toMatchObject({ hr: 'MAPI_E_USER_CANCEL', session: null, dialogs: ['profilePicker'], dialogLog: [{ kind: 'profilePicker', answer: 'cancel' }] });
      expect(r.path).toEqual(['A1', 'A2', 'A4', 'A6', 'A8', 'A9']);
    }
  });
});

describe('A-R4: the password prompt (A14)', () => {
  const bad = [profile('Bad', [service('S', store('M'))], { credentials: 'invalid', default: true })];

  it('A-R4: an answer outside the vocabulary is a cancel → MAPI_E_USER_CANCEL; "invalid" → MAPI_E_LOGON_FAILED', async () => {
    for (const [answer, hr, shown] of [
      ['whatever', 'MAPI_E_USER_CANCEL', 'cancel'],
      [7, 'MAPI_E_USER_CANCEL', 'cancel'],
      ['invalid', 'MAPI_E_LOGON_FAILED', 'invalid'],
      ['valid', 'S_OK', 'valid'],
    ] as const) {
      const s = createMapiSubsystem({ profiles: bad, dialogs: { password: () => answer as never } });
      await s.initialize();
      const r = await s.logonEx({ client: 'c', profileName: 'Bad', flags: ['MAPI_PASSWORD_UI'] });
      expect(r, String(answer)).toMatchObject({ hr, dialogLog: [{ kind: 'password', answer: shown }] });
    }
  });
});

describe('D-R1, B-R3: dialogs of a spooler start are reported by the call that set it off', () => {
  it('D-R1, C-R6: a join that tells the spooler reports the dialogs of the start it set off', async () => {
    const profiles = [profile('Work', [service('S', store('M'), transport('T', { configured: false }))], { default: true })];
    let asked = 0;
    const s = createMapiSubsystem({
      profiles,
      // The transport's configuration dialog is cancelled; the retry dialog is missing: a cancel too.
      dialogs: { providerConfig: () => (++asked === 1 ? 'cancel' : 'complete') },
    });
    await s.initialize();
    // A creator with MAPI_NO_MAIL leaves the spooler untold (C-R3); a UI joiner tells it (A-R9).
    const a = await s.logonEx({ client: 'a', profileName: 'Work', flags: ['MAPI_ALLOW_OTHERS', 'MAPI_NO_MAIL', 'MAPI_LOGON_UI'] });
    expect(a.spoolerStart).toBeNull();
    const b = await s.logonEx({ client: 'b', flags: ['MAPI_LOGON_UI'] });
    const report = await b.spoolerStart;
    expect(report!.dialogLog).toEqual([
      { kind: 'providerConfig', answer: 'cancel' },
      { kind: 'retry', answer: 'cancel' },
    ]);
    // Dialogs of the spooler's start are not MAPILogonEx's: the join's own log has none.
    expect(b.dialogLog).toEqual([]);
  });
});

describe('B-R3, C-R1: configuration a dialog completed stays in the profile', () => {
  it('B-R3: only the providers whose dialog completed are configured for later sessions, not their neighbours', async () => {
    const asked: string[] = [];
    let round = 1;
    const s = createMapiSubsystem({
      profiles: [
        profile(
          'Work',
          [
            service('S1', store('A', { configured: false }), store('B', { configured: false })),
            service('S2', store('E'), store('C', { configured: false })),
          ],
          { default: true },
        ),
      ],
      // The first logon completes the configuration of A (first of S1) and C (second of S2, after
      // E, configured from the start) and cancels B's; the second logon cancels all.
      dialogs: {
        providerConfig: (input) => {
          asked.push(`${round}:${input.provider}`);
          return round === 1 && (input.provider === 'A' || input.provider === 'C') ? 'complete' : 'cancel';
        },
      },
    });
    await s.initialize();
    await s.logonEx({ client: 'a', profileName: 'Work', flags: ['MAPI_LOGON_UI'] });
    round = 2;
    await s.logonEx({ client: 'b', profileName: 'Work', flags: ['MAPI_LOGON_UI'] });
    expect(asked).toEqual(['1:A', '1:B', '1:C', '2:B']);
    expect(s.state().profiles[0]!.services.map((x) => x.providers.map((p) => p.configured))).toEqual([
      [true, false],
      [true, true],
    ]);
  });

  it('B-R3: a restored subsystem (src/subsystem/savedState.ts) forgets configuration completed after the save', async () => {
    let asked = 0;
    const mapi = createMapiSubsystem({
      profiles: [profile('Work', [service('S', store('M', { configured: false }))], { default: true })],
      interpreter: 'compiled',
      dialogs: {
        providerConfig: () => {
          asked++;
          return 'complete';
        },
      },
    }) as MapiSubsystem & Restorable;
    await mapi.initialize();
    const saved = mapi[SAVE]();
    await (await mapi.logonEx({ client: 'a', profileName: 'Work', flags: ['MAPI_LOGON_UI'] })).session!.logoff();
    expect(asked).toBe(1);
    mapi[RESTORE](saved);
    expect(mapi.state().profiles[0]!.services[0]!.providers[0]!.configured).toBe(false);
    // The machines see the saved profile again: M is asked once more.
    await mapi.logonEx({ client: 'a', profileName: 'Work', flags: ['MAPI_LOGON_UI'] });
    expect(asked).toBe(2);
  });
});

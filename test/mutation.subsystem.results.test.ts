import { describe, expect, it } from 'vitest';
import { createMapiSubsystem } from '../src/subsystem/createMapiSubsystem.js';
import { profile, service, store, work } from './helpers/scenario.js';

// Tests written to kill the mutants Stryker found alive in src/subsystem (issue 14): every field
// of the replies, not only the ones a rule is about.

const B_PASSED = [['B1', 'B2', 'B3', 'B4', 'B5']];
const loggedOn = (name: string, kind: string, phase: string) => ({
  name,
  kind,
  state: 'loggedOn',
  hr: 'S_OK',
  hrs: ['S_OK'],
  phase,
  attempts: 1,
  paths: B_PASSED,
  configured: true,
});

function subsystem() {
  return createMapiSubsystem({ profiles: [work(), profile('Bad', [service('S', store('M'))], { credentials: 'invalid' })] });
}

describe('the replies of MAPILogonEx and Logoff, field by field', () => {
  it('S-R1: a logon before initialize answers MAPI_E_NOT_INITIALIZED and nothing else', async () => {
    expect(await subsystem().logonEx({ client: 'c' })).toEqual({
      hr: 'MAPI_E_NOT_INITIALIZED',
      hrValue: 0x80040605,
      session: null,
      shared: false,
      profile: null,
      path: [],
      dialogs: [],
      dialogLog: [],
      services: [],
      spooler: null,
      spoolerStart: null,
    });
  });

  it('A-R4: a logon that fails in flowchart A reports its profile and path, no session, no services, no spooler', async () => {
    const s = subsystem();
    await s.initialize();
    expect(await s.logonEx({ client: 'c', profileName: 'Bad' })).toEqual({
      hr: 'MAPI_E_LOGON_FAILED',
      hrValue: 0x80040111,
      session: null,
      shared: false,
      profile: 'Bad',
      path: ['A1', 'A2', 'A4', 'A5', 'A11', 'A13', 'A15'],
      dialogs: [],
      dialogLog: [],
      services: [],
      spooler: null,
      spoolerStart: null,
    });
  });

  it('A12, D-R1: a new session reports the services as MAPILogonEx left them; its spooler start reports every service after D2', async () => {
    const s = subsystem();
    await s.initialize();
    const r = await s.logonEx({ client: 'c', profileName: 'Work', flags: ['MAPI_ALLOW_OTHERS'] });
    const { session, spoolerStart, ...rest } = r;
    expect(session).toMatchObject({ id: 's1', shared: true, profile: 'Work', client: 'c' });
    expect(rest).toEqual({
      hr: 'S_OK',
      hrValue: 0,
      shared: true,
      profile: 'Work',
      path: ['A1', 'A2', 'A4', 'A5', 'A11', 'A12'],
      dialogs: [],
      dialogLog: [],
      services: [
        {
          name: 'Exchange',
          state: 'enabled',
          failures: 0,
          path: ['C1', 'C3', 'C3'],
          providers: [
            loggedOn('GAL', 'addressBook', 'logon'),
            loggedOn('Mailbox', 'store', 'logon'),
            { name: 'Transport', kind: 'transport', state: 'notStarted', hr: null, hrs: [], phase: null, attempts: 0, paths: [], configured: true },
          ],
        },
      ],
      spooler: 'told',
    });
    const report = await spoolerStart;
    expect(report).toEqual({
      services: [
        {
          name: 'Exchange',
          state: 'enabled',
          failures: 0,
          path: ['C1', 'C3', 'C3', 'C3', 'C8'],
          providers: [loggedOn('GAL', 'addressBook', 'logon'), loggedOn('Mailbox', 'store', 'logon'), loggedOn('Transport', 'transport', 'spooler')],
        },
      ],
      dialogLog: [],
    });
    expect(report!.services).toEqual(s.state().sessions[0]!.services);
  });

  it('A3, S-R2: a join reports the shared session and no services; a client leaving it ends nothing', async () => {
    const s = subsystem();
    await s.initialize();
    await (await s.logonEx({ client: 'c', profileName: 'Work', flags: ['MAPI_ALLOW_OTHERS'] })).spoolerStart;
    const j = await s.logonEx({ client: 'd' });
    const { session, ...rest } = j;
    expect(session).toMatchObject({ id: 's1', shared: true, profile: 'Work', client: 'd' });
    expect(rest).toEqual({
      hr: 'S_OK',
      hrValue: 0,
      shared: true,
      profile: 'Work',
      path: ['A1', 'A2', 'A3'],
      dialogs: [],
      dialogLog: [],
      services: [],
      spooler: 'told',
      spoolerStart: null,
    });
    expect(await session!.logoff()).toEqual({ hr: 'S_OK', hrValue: 0, ended: false, loggedOff: [], notified: [], logoffErrors: [] });
    expect(s.state().sessions[0]!.clients).toEqual(['c']);
  });
});

import { describe, expect, it } from 'vitest';
import { last, logon, profile, steps, work, type CallIn, type ProfileIn } from './helpers/scenario.js';

interface EdgeCase {
  edge: string;
  from: string;
  to: string;
  profiles?: ProfileIn[];
  before?: CallIn[];
  call: CallIn;
}

const shared: CallIn = logon('first', { flags: ['MAPI_USE_DEFAULT', 'MAPI_ALLOW_OTHERS'] });
const badCredentials = [work({ credentials: 'invalid' })];

// One scenario per drawn edge of flowchart A (SPEC section 2).
const cases: EdgeCase[] = [
  { edge: 'A1 yes→A4', from: 'A1', to: 'A4', call: logon('c', { flags: ['MAPI_NEW_SESSION', 'MAPI_USE_DEFAULT'] }) },
  { edge: 'A1 no→A2', from: 'A1', to: 'A2', call: logon('c', { flags: ['MAPI_USE_DEFAULT'] }) },
  { edge: 'A2 yes→A3', from: 'A2', to: 'A3', before: [shared], call: logon('c') },
  { edge: 'A2 no→A4', from: 'A2', to: 'A4', call: logon('c', { profileName: 'Work' }) },
  { edge: 'A4 no→A5', from: 'A4', to: 'A5', call: logon('c', { profileName: 'Work' }) },
  { edge: 'A4 yes→A6', from: 'A4', to: 'A6', call: logon('c', { profileName: null }) },
  { edge: 'A4 yes→A6 (an empty name is NULL too)', from: 'A4', to: 'A6', call: logon('c', { profileName: '', flags: ['MAPI_USE_DEFAULT'] }) },
  { edge: 'A6 yes→A7', from: 'A6', to: 'A7', call: logon('c', { flags: ['MAPI_USE_DEFAULT'] }) },
  { edge: 'A6 no→A8', from: 'A6', to: 'A8', call: logon('c', { flags: [] }) },
  { edge: 'A8 yes→A9', from: 'A8', to: 'A9', call: logon('c', { flags: ['MAPI_LOGON_UI'], answers: { profilePicker: ['Work'] } }) },
  { edge: 'A8 no→A10', from: 'A8', to: 'A10', call: logon('c', { flags: [] }) },
  { edge: 'A5→A11', from: 'A5', to: 'A11', call: logon('c', { profileName: 'Work' }) },
  { edge: 'A7→A11', from: 'A7', to: 'A11', call: logon('c', { flags: ['MAPI_USE_DEFAULT'] }) },
  { edge: 'A9→A11', from: 'A9', to: 'A11', call: logon('c', { flags: ['MAPI_LOGON_UI'], answers: { profilePicker: ['Work'] } }) },
  { edge: 'A11 yes→A12', from: 'A11', to: 'A12', call: logon('c', { profileName: 'Work' }) },
  { edge: 'A11 no→A13', from: 'A11', to: 'A13', profiles: badCredentials, call: logon('c', { profileName: 'Work' }) },
  {
    edge: 'A13 yes→A14',
    from: 'A13',
    to: 'A14',
    profiles: badCredentials,
    call: logon('c', { profileName: 'Work', flags: ['MAPI_PASSWORD_UI'], answers: { password: ['valid'] } }),
  },
  {
    edge: 'A14→A12',
    from: 'A14',
    to: 'A12',
    profiles: badCredentials,
    call: logon('c', { profileName: 'Work', flags: ['MAPI_PASSWORD_UI'], answers: { password: ['valid'] } }),
  },
  { edge: 'A13 no→A15', from: 'A13', to: 'A15', profiles: badCredentials, call: logon('c', { profileName: 'Work' }) },
];

describe('flowchart A: every drawn edge is taken', () => {
  it.each(cases)('$edge', async ({ from, to, profiles, before = [], call }) => {
    const r = await last(profiles ?? [work(), profile('Home', [])], ...before, call);
    expect(steps(r.path, from, to), r.path.join(' ')).toBe(true);
  });
});

describe('flowchart A: the ends', () => {
  it('A3 returns the shared session with S_OK', async () => {
    const r = await last([work()], shared, logon('c'));
    expect(r).toMatchObject({ hr: 'S_OK', hrValue: 0, session: 's1', shared: true, path: ['A1', 'A2', 'A3'] });
  });

  it('A10 returns MAPI_E_LOGON_FAILED', async () => {
    const r = await last([work()], logon('c'));
    expect(r).toMatchObject({ hr: 'MAPI_E_LOGON_FAILED', hrValue: 0x80040111, session: null, path: ['A1', 'A2', 'A4', 'A6', 'A8', 'A10'] });
  });

  it('A12 returns a new session with S_OK, after the services ran', async () => {
    const r = await last([work()], logon('c', { profileName: 'Work' }));
    expect(r).toMatchObject({ hr: 'S_OK', session: 's1', shared: false, profile: 'Work' });
    expect(r.path.at(-1)).toBe('A12');
    expect(r.services).toHaveLength(1);
  });

  it('A15 returns MAPI_E_LOGON_FAILED', async () => {
    const r = await last(badCredentials, logon('c', { profileName: 'Work' }));
    expect(r).toMatchObject({ hr: 'MAPI_E_LOGON_FAILED', session: null, path: ['A1', 'A2', 'A4', 'A5', 'A11', 'A13', 'A15'], services: [] });
  });
});

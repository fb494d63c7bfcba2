import { expect } from 'vitest';
import { test } from '@fast-check/vitest';
import { MAPI_ALLOW_OTHERS, MAPI_NEW_SESSION } from '../src/constants/flags.js';
import { MAX_PROFILE_NAME } from '../src/schema/names.js';
import { arbLogonScenario } from './arbitraries/scenario.js';
import { runLogonScenario } from './harness/lastLogon.js';

const scenarios = arbLogonScenario();
const valid = (s: Parameters<typeof runLogonScenario>[0]) => (s.logon.profileName ?? '').length <= MAX_PROFILE_NAME;

test.prop([scenarios])('A-R1: joining the shared session does nothing else', async (s) => {
  const { result, sharedBefore, flags, step } = await runLogonScenario(s);
  if (!sharedBefore || flags & MAPI_NEW_SESSION || !valid(s)) return;
  expect(result).toMatchObject({ hr: 'S_OK', shared: true, path: ['A1', 'A2', 'A3'], dialogs: [], services: [] });
  expect(result.session).toBe(step.before.shared);
  expect(step.providerCalls).toEqual([]);
  // Nothing but the new client's hold on the session changed (its spooler was told already: A-R9 starts nothing).
  expect(result.spooler).toBe('told');
  const joined = (id: string, clients: string[]) => (id === result.session ? [...clients, s.logon.client] : clients);
  expect(step.after.sessions).toEqual(step.before.sessions.map((x) => ({ ...x, clients: joined(x.id, x.clients) })));
  expect(step.after.holdings).toEqual([...step.before.holdings, [s.logon.client, result.session]]);
  expect(step.after.profiles).toEqual(step.before.profiles);
});

test.prop([scenarios])('A-R7: MAPI_NEW_SESSION never returns the shared session', async (s) => {
  const { result, flags, step } = await runLogonScenario(s);
  if (!(flags & MAPI_NEW_SESSION)) return;
  expect(result.path).not.toContain('A2');
  expect(result.path).not.toContain('A3');
  if (result.session !== null) expect(result.session).not.toBe(step.before.shared);
});

test.prop([scenarios])('A-R7: a new session is shared exactly when it asked to be and there was none', async (s) => {
  const { result, flags, sharedBefore } = await runLogonScenario(s);
  if (result.session === null || result.path.includes('A3')) return;
  expect(result.shared).toBe((flags & MAPI_ALLOW_OTHERS) !== 0 && !sharedBefore);
});

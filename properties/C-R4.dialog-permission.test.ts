import { expect } from 'vitest';
import { test } from '@fast-check/vitest';
import { MAPI_LOGON_UI, MAPI_PASSWORD_UI, MAPI_SERVICE_UI_ALWAYS } from '../src/constants/flags.js';
import { arbLogonScenario } from './arbitraries/scenario.js';
import { runLogonScenario } from './harness/lastLogon.js';

const scenarios = arbLogonScenario();

test.prop([scenarios])('A8: no profilePicker without MAPI_LOGON_UI', async (s) => {
  const { result, flags } = await runLogonScenario(s);
  if (!(flags & MAPI_LOGON_UI)) expect(result.dialogs).not.toContain('profilePicker');
});

test.prop([scenarios])('A13: no password prompt without MAPI_PASSWORD_UI', async (s) => {
  const { result, flags } = await runLogonScenario(s);
  if (!(flags & MAPI_PASSWORD_UI)) expect(result.dialogs).not.toContain('password');
});

test.prop([scenarios])('C-R4, B6: no providerConfig or retry dialog without UI allowed', async (s) => {
  const { result, flags } = await runLogonScenario(s);
  if (!(flags & MAPI_LOGON_UI)) {
    expect(result.dialogs).not.toContain('providerConfig');
    expect(result.dialogs).not.toContain('retry');
    for (const svc of result.services) for (const p of svc.providers) for (const path of p.paths) expect(path).not.toContain('B8');
  }
});

test.prop([scenarios])('C-R4: without UI the only serviceConfig dialogs are C2, forced by MAPI_SERVICE_UI_ALWAYS, one per service', async (s) => {
  const { result, flags } = await runLogonScenario(s);
  if (flags & MAPI_LOGON_UI) return;
  const shown = result.dialogs.filter((d) => d === 'serviceConfig').length;
  expect(shown).toBe(flags & MAPI_SERVICE_UI_ALWAYS ? result.services.length : 0);
  for (const svc of result.services) expect(svc.path.includes('C2')).toBe((flags & MAPI_SERVICE_UI_ALWAYS) !== 0);
});

test.prop([scenarios])('C-R4: every dialog shown is in the result, in a kind the flags allow', async (s) => {
  const { result, flags, step } = await runLogonScenario(s);
  expect(step.dialogs.map((d) => d.kind)).toEqual(result.dialogs);
  const allowed = new Set<string>(['serviceConfig']);
  if (flags & MAPI_LOGON_UI) ['profilePicker', 'providerConfig', 'retry'].forEach((k) => allowed.add(k));
  if (flags & MAPI_PASSWORD_UI) allowed.add('password');
  for (const d of result.dialogs) expect(allowed).toContain(d);
});

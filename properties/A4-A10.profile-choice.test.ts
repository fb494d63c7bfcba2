import { expect } from 'vitest';
import { test } from '@fast-check/vitest';
import { MAX_PROFILE_NAME } from '../src/schema/names.js';
import type { PasswordAnswer } from '../machines/types.js';
import { arbLogonScenario } from './arbitraries/scenario.js';
import { runLogonScenario } from './harness/lastLogon.js';
import { flowchartA } from './oracle/flowchartA.js';

test.prop([arbLogonScenario()])('A4-A15: path, HRESULT and profile are those of flowchart A', async (s) => {
  const { result, flags, step } = await runLogonScenario(s);
  if ((s.logon.profileName ?? '').length > MAX_PROFILE_NAME) {
    expect(result).toMatchObject({ hr: 'MAPI_E_INVALID_PARAMETER', path: [] });
    return;
  }
  // A-R2: names match ignoring case; a missing profile cannot validate.
  const named = (name: string | null) => s.profiles.find((p) => name !== null && p.name.toUpperCase() === name.toUpperCase());
  const shared = step.before.sessions.find((x) => x.id === step.before.shared);
  const picker = s.logon.answers?.profilePicker?.[0] ?? 'cancel';
  const expected = flowchartA({
    flags,
    profileName: s.logon.profileName ?? null,
    sharedProfile: shared?.profile ?? null,
    defaultProfile: s.profiles.find((p) => p.default)?.name ?? null,
    credentials: (p) => (named(p) ? (named(p)!.credentials ?? 'valid') : 'noProfile'),
    canonical: (name) => named(name)?.name ?? name,
    picker: picker === 'cancel' ? null : picker,
    password: (s.logon.answers?.password?.[0] ?? 'cancel') as PasswordAnswer,
  });
  expect({ path: result.path, hr: result.hr, profile: result.profile }).toEqual({
    path: expected.path,
    hr: expected.hr,
    profile: expected.profile,
  });
  expect(result.session !== null).toBe(expected.result !== null);
});

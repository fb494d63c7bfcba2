import { expect } from 'vitest';
import { test } from '@fast-check/vitest';
import { ProfileStore } from '../src/subsystem/profileStore.js';
import { profilesSchema } from '../src/schema/profiles.js';
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
  const store = new ProfileStore(profilesSchema.parse(s.profiles));
  const shared = step.before.sessions.find((x) => x.id === step.before.shared);
  const picker = s.logon.answers?.profilePicker?.[0] ?? 'cancel';
  const expected = flowchartA({
    flags,
    profileName: s.logon.profileName ?? null,
    sharedProfile: shared?.profile ?? null,
    defaultProfile: store.defaultProfile,
    credentials: (p) => store.checkCredentials(p),
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

import { expect } from 'vitest';
import { test } from '@fast-check/vitest';
import { arbLogonScenario } from './arbitraries/scenario.js';
import { runLogonScenario } from './harness/lastLogon.js';
import type { ProfileInput } from '../src/arbitraries/types.js';

/** Configured providers whose only answers are S_OK and MAPI_E_FAILONEPROVIDER, no limits. */
const onlyFailOne = (profiles: ProfileInput[]) =>
  profiles.map((p) => ({
    ...p,
    credentials: 'valid' as const,
    services: p.services.map((s) => ({
      ...s,
      providers: s.providers.map((x, i) => ({
        ...x,
        configured: true,
        storesConfig: true,
        sessionLimit: null,
        outcomes: (x.outcomes ?? []).map((o, j) => ((i + j) % 2 === 0 || o === 'MAPI_E_FAILONEPROVIDER' ? 'MAPI_E_FAILONEPROVIDER' : 'S_OK')),
      })),
    })),
  }));

test.prop([arbLogonScenario()])('C-R7: MAPI_E_FAILONEPROVIDER never counts and never disables', async (raw) => {
  const s = { ...raw, profiles: onlyFailOne(raw.profiles) };
  const { result } = await runLogonScenario(s);
  for (const svc of result.services) {
    expect(svc.failures).toBe(0);
    expect(svc.state).toBe('enabled');
    for (const p of svc.providers) {
      if (p.hr === 'MAPI_E_FAILONEPROVIDER') expect([p.state, p.attempts]).toEqual(['skipped', 1]);
    }
  }
});

test.prop([arbLogonScenario({ faults: true })])('C-R7: every C5 skips exactly one provider and the service goes on', async (s) => {
  const { result } = await runLogonScenario(s);
  for (const svc of result.services) {
    const c5 = svc.path.filter((x) => x === 'C5').length;
    const skippedNow = svc.providers.filter((p) => p.hr === 'MAPI_E_FAILONEPROVIDER').length;
    expect(c5).toBe(skippedNow);
    svc.path.forEach((id, i) => {
      if (id === 'C5') expect(svc.path[i + 1] ?? 'end').not.toBe('C7');
    });
  }
});


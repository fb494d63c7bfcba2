import { expect } from 'vitest';
import { test } from '@fast-check/vitest';
import { MAPI_NO_MAIL } from '../src/constants/flags.js';
import { arbLogonScenario } from './arbitraries/scenario.js';
import { runLogonScenario } from './harness/lastLogon.js';

const scenarios = arbLogonScenario();
// C-R2 in SPEC's words, not the machine's constant: address books, then stores, then transports.
const SPEC_KIND_ORDER = ['addressBook', 'store', 'transport'];

test.prop([scenarios])('C-R2: providers are called by kind, then in profile order; a retry follows its first try', async (s) => {
  const { result, step } = await runLogonScenario(s);
  if (result.services.length === 0) return;
  const profile = s.profiles.find((p) => p.name === result.profile)!;
  const position = new Map(profile.services.flatMap((svc) => svc.providers.map((p) => `${svc.name}/${p.name}`)).map((k, i) => [k, i]));
  const keys = step.providerCalls.map((c) => [SPEC_KIND_ORDER.indexOf(c.kind), position.get(`${c.service}/${c.provider}`)!] as const);
  for (let i = 1; i < keys.length; i++) {
    const [k0, p0] = keys[i - 1]!;
    const [k1, p1] = keys[i]!;
    expect(k1 > k0 || (k1 === k0 && p1 >= p0), `call ${i} out of order`).toBe(true);
  }
});

test.prop([scenarios])('C-R2: the records agree: every address book is tried before any store, every store before any transport', async (s) => {
  const { result } = await runLogonScenario(s);
  // Across the whole profile, C3 paths per kind: a provider of a later kind tried implies every
  // tried-able provider of earlier kinds in enabled services was reached.
  for (const svc of result.services) {
    if (svc.state !== 'enabled') continue;
    for (const p of svc.providers) {
      if (p.kind !== 'transport') expect(p.attempts, `${svc.name}/${p.name}`).toBeGreaterThan(0);
    }
  }
});

test.prop([scenarios])('C-R3: with MAPI_NO_MAIL no transport provider logs on', async (s) => {
  const { result, flags, step } = await runLogonScenario(s);
  if (!(flags & MAPI_NO_MAIL)) return;
  expect(step.providerCalls.filter((c) => c.kind === 'transport')).toEqual([]);
  for (const svc of result.services) {
    for (const p of svc.providers.filter((x) => x.kind === 'transport')) {
      expect(p.attempts).toBe(0);
      expect(['notStarted', 'disabled']).toContain(p.state);
    }
  }
});

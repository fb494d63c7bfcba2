import { expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { arbLogonScenario } from './arbitraries/scenario.js';
import { runLogonScenario } from './harness/lastLogon.js';
import { twoFailureViolation, retryDeclined } from './harness/invariants.js';
import { sessionsHolding } from './harness/liveState.js';

const scenarios = arbLogonScenario({ faults: true });

test.prop([scenarios])('C-R5: every service obeys the two-failure rule', async (s) => {
  const { result } = await runLogonScenario(s);
  for (const service of result.services) expect(twoFailureViolation(service), service.name).toBeNull();
});

test.prop([scenarios])('C-R5: a service that failed once and was not declined stays enabled', async (s) => {
  const { result } = await runLogonScenario(s);
  for (const service of result.services) {
    if (service.failures === 1 && !retryDeclined(service)) expect(service.state, service.name).toBe('enabled');
  }
});

test.prop([scenarios])('C-R6: no provider of a disabled service is called after its second failure', async (s) => {
  const { result, step } = await runLogonScenario(s);
  const profile = s.profiles.find((p) => p.name === result.profile);
  for (const service of result.services) {
    const calls = step.providerCalls.filter((c) => c.service === service.name);
    const defs = profile!.services.find((x) => x.name === service.name)!.providers;
    for (const p of service.providers) {
      const made = calls.filter((c) => c.provider === p.name).length;
      // Every call is an attempt that passed flowchart B (B5/B10) and the session limit (C-R9).
      const passedB = p.paths.filter((path) => ['B5', 'B10'].includes(path.at(-1)!)).length;
      const holding = sessionsHolding(step.before, profile!.name, service.name, p.name, result.session);
      const limit = defs.find((d) => d.name === p.name)!.sessionLimit;
      const limited = limit !== null && limit !== undefined && holding >= limit;
      expect(made, `${service.name}/${p.name}`).toBe(limited ? 0 : passedB);
    }
    // With C7 last in the path (twoFailureViolation), a call after it would be an attempt the
    // records do not have: the equality above rules it out.
  }
});

test.prop([scenarios, fc.context()])('C-R6: other services go on after one is disabled', async (s, ctx) => {
  const { result } = await runLogonScenario(s);
  const disabled = result.services.filter((x) => x.state === 'disabled').length;
  ctx.log(`disabled ${disabled} of ${result.services.length}`);
  for (const service of result.services) {
    if (service.state === 'enabled') expect(service.path.at(-1)).toBe('C8');
  }
});

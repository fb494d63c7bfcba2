import { expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { arbLogonScenario } from './arbitraries/scenario.js';
import { runLogonScenario } from './harness/lastLogon.js';
import { twoFailureViolation, retryDeclined } from './harness/invariants.js';
import { sessionsHolding } from './harness/liveState.js';
import { MAPI_LOGON_UI } from '../src/constants/flags.js';
import { arbLogon, arbValidFlagNames } from '../src/arbitraries/logon.js';

const scenarios = arbLogonScenario({ faults: true });

test.prop([scenarios])('C-R5: every service obeys the two-failure rule', async (s) => {
  const { result, flags } = await runLogonScenario(s);
  const uiAllowed = (flags & MAPI_LOGON_UI) !== 0;
  for (const service of result.services) expect(twoFailureViolation(service, { uiAllowed }), service.name).toBeNull();
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

/**
 * C-R6 "Other services go on": the logon is run again with the disabled services taken out of the
 * profile; every other service must be called and logged on exactly as before (same calls in the
 * same order, same records). Without UI no dialog answer is shared between services, so a disabled
 * service cannot shift another's answers; the logon is the only one, so no session limit depends on
 * another session.
 */
const noServiceUi = arbValidFlagNames.map((f) => f.filter((x) => x !== 'MAPI_LOGON_UI' && x !== 'MAPI_SERVICE_UI_ALWAYS'));
const withoutUi = arbLogonScenario({ faults: true, logon: (client, profiles) => arbLogon(client, profiles, noServiceUi) });

test.prop([withoutUi, fc.context()])('C-R6: other services go on after one is disabled, as if it were not there', async (raw, ctx) => {
  const s = { ...raw, calls: [{ op: 'initialize' as const }, raw.logon] };
  const { result, step } = await runLogonScenario(s);
  const disabled = new Set(result.services.filter((x) => x.state === 'disabled').map((x) => x.name));
  if (disabled.size === 0 || disabled.size === result.services.length) return;
  ctx.log(`disabled ${disabled.size} of ${result.services.length}`);
  const profiles = s.profiles.map((p) => (p.name === result.profile ? { ...p, services: p.services.filter((x) => !disabled.has(x.name)) } : p));
  const without = await runLogonScenario({ ...s, profiles });
  const others = (calls: typeof step.providerCalls) => calls.filter((c) => !disabled.has(c.service)).map((c) => [c.service, c.provider, c.phase, c.attempt, c.answer]);
  expect(others(without.step.providerCalls)).toEqual(others(step.providerCalls));
  expect(without.result.services).toEqual(result.services.filter((x) => !disabled.has(x.name)));
  expect({ hr: without.result.hr, path: without.result.path }).toEqual({ hr: result.hr, path: result.path });
});

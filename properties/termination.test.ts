import { expect } from 'vitest';
import { test } from '@fast-check/vitest';
import { HRESULTS } from '../src/constants/hresults.js';
import { arbLogonScenario } from './arbitraries/scenario.js';
import { runLogonScenario } from './harness/lastLogon.js';

const providersOf = (s: { profiles: Array<{ services: Array<{ providers: unknown[] }> }> }) =>
  s.profiles.reduce((n, p) => n + p.services.reduce((m, x) => m + x.providers.length, 0), 0);

test.prop([arbLogonScenario({ faults: true })])(
  'termination: every logon reaches a final result with an HRESULT within a bounded number of steps',
  async (s) => {
    const { result, step } = await runLogonScenario(s, { countEvents: true });
    expect(Object.keys(HRESULTS)).toContain(result.hr);
    expect(result.hrValue).toBe(HRESULTS[result.hr]);
    // Per provider at most two attempts, each with at most one prompt per scripted answer.
    const answers = Object.values(s.logon.answers ?? {}).reduce((n, a) => n + (a?.length ?? 0), 0);
    const bound = 120 + 160 * providersOf(s) + 40 * answers;
    expect(step.events).toBeLessThanOrEqual(bound);
  },
);

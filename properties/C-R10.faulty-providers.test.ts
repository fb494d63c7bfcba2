import { expect } from 'vitest';
import { test } from '@fast-check/vitest';
import { arbLogonScenario } from './arbitraries/scenario.js';
import { runLogonScenario } from './harness/lastLogon.js';

test.prop([arbLogonScenario({ faults: true })])('C-R10: faulty providers never crash a logon; their attempt is MAPI_E_CALL_FAILED', async (s) => {
  const { result, step } = await runLogonScenario(s);
  expect(result.hr).toMatch(/^(S_OK|MAPI_E_\w+)$/);
  for (const svc of result.services) {
    for (const p of svc.providers) {
      const calls = step.providerCalls.filter((c) => c.service === svc.name && c.provider === p.name);
      const last = calls.at(-1);
      // The provider's last answer came from its last call, when that call was its last attempt.
      if (last && last.attempt === p.attempts && ['throw', 'reject'].includes(String(last.answer))) expect(p.hr).toBe('MAPI_E_CALL_FAILED');
      if (last && last.attempt === p.attempts && typeof last.answer === 'object') expect(p.hr).toBe('MAPI_E_CALL_FAILED');
    }
  }
});

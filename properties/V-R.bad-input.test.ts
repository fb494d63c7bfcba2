import { expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import type { HResultName } from '../src/constants/hresults.js';
import { arbSession } from '../src/arbitraries/session.js';
import { runRecorded } from './harness/runRecorded.js';
import type { CallInput } from '../src/arbitraries/types.js';

/** A logon MAPILogonEx must refuse before A1, with the HRESULT it must refuse it with. */
const arbBadLogon = fc.oneof(
  fc.record({ call: fc.integer({ min: 0, max: 0xffffffff }).map((f) => ({ flags: (f | 0x4) >>> 0 })), hr: fc.constant<HResultName>('MAPI_E_UNKNOWN_FLAGS') }),
  fc.record({ call: fc.constant({ flags: ['MAPI_LOGON_UI', 'MAPI_PASSWORD_UI'] }), hr: fc.constant<HResultName>('MAPI_E_INVALID_PARAMETER') }),
  fc.record({ call: fc.string({ minLength: 65, maxLength: 80 }).map((profileName) => ({ profileName })), hr: fc.constant<HResultName>('MAPI_E_INVALID_PARAMETER') }),
  fc.record({ call: fc.string().map((password) => ({ password })), hr: fc.constant<HResultName>('MAPI_E_INVALID_PARAMETER') }),
);

test.prop([arbSession, arbBadLogon, fc.nat(), fc.constantFrom('c1', 'c2', 'c3', 'c4')])(
  'V-R1..V-R4: bad input gets its HRESULT and changes nothing, the calls after it behave as if it never happened',
  async (s, bad, at, client) => {
    const where = 1 + (at % s.calls.length);
    const badCall = { op: 'logon', client, profileName: 'Work', password: null, flags: [], ...bad.call } as CallInput;
    const withBad = [...s.calls.slice(0, where), badCall, ...s.calls.slice(where)];
    const steps = await runRecorded(s.profiles, withBad);
    const without = await runRecorded(s.profiles, s.calls);
    const step = steps[where]!;
    // S-R1 comes first: before initialize, or after uninitialize, the answer is that.
    expect(step.result.hr).toBe(step.before.initialized ? bad.hr : 'MAPI_E_NOT_INITIALIZED');
    expect(step.after).toEqual(step.before);
    expect(steps.filter((_, i) => i !== where).map((x) => x.result)).toEqual(without.map((x) => x.result));
  },
);

test.prop([arbSession])('S-R4: a logon by a client that holds a live session is refused and changes nothing', async (s) => {
  const steps = await runRecorded(s.profiles, s.calls);
  for (const step of steps) {
    if (step.call.op !== 'logon' || !step.before.initialized) continue;
    const client = (step.call as { client: string }).client;
    const holds = step.before.sessions.some((x) => x.clients.includes(client));
    if (!holds) continue;
    if (step.result.hr === 'MAPI_E_INVALID_PARAMETER') expect(step.after).toEqual(step.before);
    expect(step.result.hr).toBe('MAPI_E_INVALID_PARAMETER');
  }
});

import { expect } from 'vitest';
import { test } from '@fast-check/vitest';
import { arbLiveSessions } from '../src/arbitraries/session.js';
import type { QueryIdentityCallResult, StatusTableCallResult } from '../src/simulator/runScenario.js';
import type { CallInput } from '../src/arbitraries/types.js';
import { runRecorded } from './harness/runRecorded.js';
import { heldBy } from './harness/liveState.js';
import { loggedOnInProfileOrder } from './oracle/statusRows.js';

/**
 * D-R3: QueryIdentity answers the provider of the first status row (T-R3 order) marked
 * STATUS_PRIMARY_IDENTITY that supplies an identity; else the first logged-on provider that
 * supplies one; else MAPI_W_NO_SERVICE and no identity. Only logged-on providers count.
 */
test.prop([arbLiveSessions])('D-R3: the identity is the first primary logged-on provider with one, else the first logged-on with one, else MAPI_W_NO_SERVICE', async (s) => {
  const steps = await runRecorded(s.profiles, s.calls);
  for (const [i, step] of steps.entries()) {
    const r = step.result;
    if (r.op !== 'queryIdentity' || !['S_OK', 'MAPI_W_NO_SERVICE'].includes(r.hr)) continue;
    const session = heldBy(step.before, r.client!)!;
    const profile = s.profiles.find((p) => p.name === session.profile)!;
    const candidates = loggedOnInProfileOrder(profile, session).filter((p) => p.identity !== null);
    const chosen = candidates.find((p) => p.primaryIdentity) ?? candidates[0];
    const expected = chosen
      ? { hr: 'S_OK', identity: { provider: chosen.name, service: chosen.service, display: chosen.identity } }
      : { hr: 'MAPI_W_NO_SERVICE', identity: null };
    expect({ hr: r.hr, identity: (r as QueryIdentityCallResult).identity }, `call ${i}`).toEqual(expected);
    expect(step.after).toEqual(step.before);
  }
});

/** Every provider definition of the scenario by service and name. */
const definition = (s: { profiles: Array<{ services: Array<{ name: string; providers: Array<{ name: string; identity?: string | null }> }> }> }, service: string | null, name: string) =>
  s.profiles.flatMap((p) => p.services).find((v) => v.name === service)?.providers.find((p) => p.name === name);

test.prop([arbLiveSessions])('D-R3, T-R4: the identity read against the status table read right after it: a row of its provider, the first primary row that supplies one', async (s) => {
  // Each queryIdentity is followed at once by a statusTable of the same client: nothing changes in between.
  const calls = s.calls.flatMap((c): CallInput[] => (c.op === 'queryIdentity' ? [c, { op: 'statusTable', client: c.client }] : [c]));
  const steps = await runRecorded(s.profiles, calls);
  steps.forEach((step, i) => {
    const r = step.result;
    if (r.op !== 'queryIdentity' || r.hr === 'MAPI_E_NOT_INITIALIZED' || r.hr === 'MAPI_E_INVALID_OBJECT') return;
    const table = steps[i + 1]!.result as StatusTableCallResult;
    const supplying = table.rows.filter((x) => x.service !== null && definition(s, x.service, x.name)?.identity);
    const expected = supplying.find((x) => x.primaryIdentity) ?? supplying[0];
    const identity = (r as QueryIdentityCallResult).identity;
    expect(identity ? [identity.service, identity.provider] : null, `call ${i}`).toEqual(expected ? [expected.service, expected.name] : null);
  });
});

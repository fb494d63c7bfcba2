import { expect } from 'vitest';
import { test } from '@fast-check/vitest';
import { arbLiveSessions } from '../src/arbitraries/session.js';
import type { StatusTableCallResult } from '../src/simulator/runScenario.js';
import { runRecorded } from './harness/runRecorded.js';
import { heldBy } from './harness/liveState.js';
import { expectedStatusRows } from './oracle/statusRows.js';

/**
 * T-R1 (with T-R2…T-R4): a status table has the subsystem's, the spooler's and the integrated
 * address book's rows, then exactly the providers logged on now (never one that was skipped,
 * disabled, logged off or not started), in profile order, each with its name, service, resource
 * type, status and primary-identity flag.
 */
test.prop([arbLiveSessions])('T-R1: rows = the 3 rows of MAPI + exactly the logged-on providers, in profile order', async (s) => {
  const steps = await runRecorded(s.profiles, s.calls);
  for (const [i, step] of steps.entries()) {
    const r = step.result;
    if (r.op !== 'statusTable' || r.hr !== 'S_OK') continue;
    // The simulator lets a spooler's start finish before the next call: the records before this call are the session's now.
    const session = heldBy(step.before, r.client!)!;
    const profile = s.profiles.find((p) => p.name === session.profile)!;
    expect((r as StatusTableCallResult).rows, `call ${i}`).toEqual(expectedStatusRows(profile, session));
    expect(step.after).toEqual(step.before);
  }
});

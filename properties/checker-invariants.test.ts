import { expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { LOGON_FLAGS } from '../src/constants/flags.js';
import { parseFlags } from '../src/constants/parseFlags.js';
import { arbLiveSessions, arbSession } from '../src/arbitraries/session.js';
import { stateViolations } from '../src/checker/invariants.js';
import type { LogonCallResult } from '../src/simulator/runScenario.js';
import { runRecorded } from './harness/runRecorded.js';

/**
 * Issue 14: the invariants `mapi-logon check` checks at every state it reaches (src/checker) hold
 * at every state of random call sequences too. The checker explores a bound exhaustively; this
 * samples beyond it (more profiles, services, providers and calls), and fails if either the
 * subsystem or an invariant is wrong.
 */
test.prop([fc.oneof(arbSession, arbLiveSessions)])('S-R1, S-R2, S-R4, A-R7, M-R1, C-R9, A-R9, C-R5: the checker\'s state invariants hold after every call of a random sequence', async (s) => {
  const steps = await runRecorded(s.profiles, s.calls);
  const flags = new Map<string, number[]>();
  for (const [i, step] of steps.entries()) {
    const r = step.result as LogonCallResult;
    if (r.op === 'logon' && r.session !== null && r.hr === 'S_OK') {
      flags.set(r.session, [...(flags.get(r.session) ?? []), parseFlags((step.call as { flags?: string[] | number }).flags as never, LOGON_FLAGS)]);
    }
    expect(stateViolations(step.after, flags), `after call ${i} (${step.call.op})`).toEqual([]);
  }
});

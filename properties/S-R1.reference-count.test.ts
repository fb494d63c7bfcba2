import { expect } from 'vitest';
import { test } from '@fast-check/vitest';
import { arbSession } from '../src/arbitraries/session.js';
import type { UninitCallResult } from '../src/simulator/runScenario.js';
import { runRecorded } from './harness/runRecorded.js';
import { heldBy } from './harness/liveState.js';

/**
 * S-R1 (v2) against a plain counter: initialize counts up, uninitialize counts down (never below
 * zero), both answer S_OK with the count; every other call answers MAPI_E_NOT_INITIALIZED exactly
 * while the count is zero; the uninitialize that brings it to zero ends exactly the live sessions,
 * in creation order, and leaves none; after a new initialize, a call on a session it ended answers
 * MAPI_E_INVALID_OBJECT.
 */
test.prop([arbSession])('S-R1: initialize is reference-counted; MAPI_E_NOT_INITIALIZED exactly at count 0; the last uninitialize ends exactly the live sessions', async (s) => {
  const steps = await runRecorded(s.profiles, s.calls);
  let count = 0;
  for (const [i, step] of steps.entries()) {
    const where = `call ${i} (${step.call.op})`;
    const r = step.result;
    expect(step.before.initCount, where).toBe(count);
    if (r.op === 'initialize') {
      count++;
      expect({ hr: r.hr, initCount: r.initCount }, where).toEqual({ hr: 'S_OK', initCount: count });
    } else if (r.op === 'uninitialize') {
      const last = count === 1;
      count = Math.max(0, count - 1);
      expect({ hr: r.hr, initCount: r.initCount }, where).toEqual({ hr: 'S_OK', initCount: count });
      const ended = (r as UninitCallResult).endedSessions.map((e) => e.session);
      // Live sessions are listed in creation order (D-R5: state() has the live ones only).
      expect(ended, where).toEqual(last ? step.before.sessions.map((x) => x.id) : []);
      if (last) expect({ sessions: step.after.sessions, holdings: step.after.holdings, shared: step.after.shared }, where).toEqual({ sessions: [], holdings: [], shared: null });
      else expect(step.after.sessions, where).toEqual(step.before.sessions);
    } else if (count === 0) {
      expect(r.hr, where).toBe('MAPI_E_NOT_INITIALIZED');
      expect(step.after, where).toEqual(step.before);
    } else {
      expect(r.hr, where).not.toBe('MAPI_E_NOT_INITIALIZED');
      // S-R2: a session call by a client that holds no live session (never had one, or it ended).
      if (r.op !== 'logon' && !heldBy(step.before, r.client!)) expect(r.hr, where).toBe('MAPI_E_INVALID_OBJECT');
    }
    expect({ initCount: step.after.initCount, initialized: step.after.initialized }, where).toEqual({ initCount: count, initialized: count > 0 });
  }
});

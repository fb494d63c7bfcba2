import { expect } from 'vitest';
import { test } from '@fast-check/vitest';
import { arbLiveSessions } from '../src/arbitraries/session.js';
import type { LiveSessionState } from '../src/subsystem/createMapiSubsystem.js';
import type { LogoffCallResult, UninitCallResult } from '../src/simulator/runScenario.js';
import type { SessionScenario } from '../src/arbitraries/session.js';
import { runRecorded } from './harness/runRecorded.js';
import { heldBy, liveSession } from './harness/liveState.js';
import { loggedOnInProfileOrder } from './oracle/statusRows.js';

/** D-R4: address books, then stores, then transports, each in profile order; only those logged on. */
function logoffOrder(s: SessionScenario, session: LiveSessionState): string[] {
  const profile = s.profiles.find((p) => p.name === session.profile)!;
  const loggedOn = loggedOnInProfileOrder(profile, session);
  return (['addressBook', 'store', 'transport'] as const).flatMap((kind) => loggedOn.filter((p) => p.kind === kind).map((p) => p.name));
}

test.prop([arbLiveSessions])('D-R4: a session that ends logs off exactly its logged-on providers, address books, then stores, then transports, each in profile order', async (s) => {
  const steps = await runRecorded(s.profiles, s.calls);
  for (const [i, step] of steps.entries()) {
    const where = `call ${i}`;
    const r = step.result;
    if (r.op === 'logoff' && r.hr === 'S_OK') {
      const session = heldBy(step.before, r.client!)!;
      const logoff = r as LogoffCallResult;
      expect(logoff.loggedOff, where).toEqual(logoff.ended ? logoffOrder(s, session) : []);
      // S-R2: an individual session, the last client, or MAPI_LOGOFF_SHARED ends it; the others are notified in join order.
      const shared = (step.call as { flags?: string[] }).flags?.includes('MAPI_LOGOFF_SHARED') ?? false;
      const others = session.clients.filter((c) => c !== r.client);
      expect(logoff.ended, where).toBe(!session.shared || shared || others.length === 0);
      expect(logoff.notified, where).toEqual(session.shared && shared ? others : []);
      // D-R5, S-R2: an ended session is gone, with every client's hold on it.
      if (logoff.ended) expect(liveSession(step.after, session.id), where).toBeUndefined();
      else expect(liveSession(step.after, session.id)?.clients, where).toEqual(others);
    }
    if (r.op === 'uninitialize') {
      // S-R1: the last uninitialize ends every live session as a logoff would (D4).
      const ended = (r as UninitCallResult).endedSessions;
      for (const e of ended) expect(e.loggedOff, `${where}: ${e.session}`).toEqual(logoffOrder(s, liveSession(step.before, e.session)!));
    }
  }
});

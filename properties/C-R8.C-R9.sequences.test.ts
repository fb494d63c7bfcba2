import { expect } from 'vitest';
import { test } from '@fast-check/vitest';
import type { LogonCallResult } from '../src/simulator/runScenario.js';
import { fc } from '@fast-check/vitest';
import { arbLiveSessions, arbSession } from '../src/arbitraries/session.js';
import { runRecorded } from './harness/runRecorded.js';
import { priorAttempts, sessionsHolding } from './harness/liveState.js';

const passedB = (path: string[]) => ['B5', 'B10'].includes(path.at(-1) ?? '');

// Both generators: arbLiveSessions keeps sessions live, so limits of 1 and 2 are reached by other sessions.
test.prop([fc.oneof(arbSession, arbLiveSessions)])('C-R9: a provider answers MAPI_E_SESSION_LIMIT exactly while its limit of other live sessions hold it', async (s) => {
  const steps = await runRecorded(s.profiles, s.calls);
  for (const step of steps) {
    const r = step.result as LogonCallResult;
    if (r.op !== 'logon' || r.services.length === 0) continue;
    const profile = s.profiles.find((p) => p.name === r.profile)!;
    for (const svc of r.services) {
      for (const p of svc.providers) {
        const def = profile.services.find((x) => x.name === svc.name)!.providers.find((x) => x.name === p.name)!;
        // The attempts this call made (a join that starts the transports lists records of earlier calls too).
        const prior = priorAttempts(step.before, r.session, svc.name, p.name);
        const paths = p.paths.slice(prior);
        const hrs = p.hrs.slice(prior);
        const holding = sessionsHolding(step.before, profile.name, svc.name, p.name, r.session);
        const limited = def.sessionLimit !== null && def.sessionLimit !== undefined && holding >= def.sessionLimit;
        const calls = step.providerCalls.filter((c) => c.service === svc.name && c.provider === p.name).length;
        // Past flowchart B: called iff not limited; limited means the limit answered instead.
        expect(calls, `${svc.name}/${p.name} calls`).toBe(limited ? 0 : paths.filter(passedB).length);
        paths.forEach((path, i) => {
          if (limited && passedB(path)) expect(hrs[i], `${svc.name}/${p.name} attempt ${i + 1}`).toBe('MAPI_E_SESSION_LIMIT');
        });
      }
    }
  }
});

test.prop([arbSession])('C-R8: disabling is per session: every new session starts every service afresh', async (s) => {
  const steps = await runRecorded(s.profiles, s.calls);
  for (const step of steps) {
    const r = step.result as LogonCallResult;
    if (r.op !== 'logon' || !r.path.includes('A12')) continue;
    for (const svc of r.services) {
      expect(svc.path[0]).toBe('C1');
      // The count is this session's alone: one per failing attempt it made (C-R5, C-R7).
      const failing = svc.providers.flatMap((p) => p.hrs).filter((hr) => hr.startsWith('MAPI_E_') && hr !== 'MAPI_E_FAILONEPROVIDER');
      expect(svc.failures, svc.name).toBe(failing.length);
      // Whatever earlier sessions did, the first address book or store of the service is tried.
      const first = svc.providers.find((p) => p.kind !== 'transport');
      if (first) expect(svc.providers.find((p) => p.attempts > 0), svc.name).toBeDefined();
    }
  }
});

test.prop([arbSession])('S-R2, S-R4, D-R5: the subsystem holds live sessions only, each held by exactly its clients', async (s) => {
  const steps = await runRecorded(s.profiles, s.calls);
  for (const step of steps) {
    const st = step.after;
    const ids = st.sessions.map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const session of st.sessions) expect(session.clients.length, session.id).toBeGreaterThan(0);
    const held = st.sessions.flatMap((x) => x.clients.map((c) => [c, x.id]));
    expect([...st.holdings].sort()).toEqual(held.sort());
    // A-R7, S-R2: the shared session is live, and the only session made shared that is still live.
    expect(st.sessions.filter((x) => x.shared).map((x) => x.id)).toEqual(st.shared === null ? [] : [st.shared]);
    if (!st.initialized) expect(st.sessions).toEqual([]);
  }
});

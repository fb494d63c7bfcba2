import { expect } from 'vitest';
import { test } from '@fast-check/vitest';
import type { LogonCallResult } from '../src/simulator/runScenario.js';
import { providerKey } from '../src/subsystem/profileStore.js';
import { arbSession } from '../src/arbitraries/session.js';
import { runRecorded } from './harness/runRecorded.js';

test.prop([arbSession])('C-R9: a provider answers MAPI_E_SESSION_LIMIT exactly while its limit of other live sessions hold it', async (s) => {
  const steps = await runRecorded(s.profiles, s.calls);
  for (const step of steps) {
    const r = step.result as LogonCallResult;
    if (r.op !== 'logon' || r.services.length === 0) continue;
    const profile = s.profiles.find((p) => p.name === r.profile)!;
    for (const svc of r.services) {
      for (const p of svc.providers) {
        const def = profile.services.find((x) => x.name === svc.name)!.providers.find((x) => x.name === p.name)!;
        const key = providerKey(profile.name, svc.name, p.name);
        const holding = step.before.sessions.sessions.filter((x) => x.alive && x.loggedOn.includes(key)).length;
        const limited = def.sessionLimit !== null && def.sessionLimit !== undefined && holding >= def.sessionLimit;
        const passedB = p.paths.some((path) => ['B5', 'B10'].includes(path.at(-1)!));
        const called = step.providerCalls.some((c) => c.service === svc.name && c.provider === p.name);
        // Past flowchart B: called iff not limited; limited means the limit answered instead.
        if (passedB) expect(called, `${svc.name}/${p.name}`).toBe(!limited);
        // The provider's last answer is the limit when its last attempt got past flowchart B.
        const lastPassedB = ['B5', 'B10'].includes(p.paths.at(-1)?.at(-1) ?? '');
        if (limited && lastPassedB) expect(p.hr).toBe('MAPI_E_SESSION_LIMIT');
        if (!limited) expect(p.state === 'loggedOn' ? holding < (def.sessionLimit ?? Infinity) : true).toBe(true);
      }
    }
  }
});

test.prop([arbSession])('C-R8: disabling is per session: every new session starts every service afresh', async (s) => {
  const steps = await runRecorded(s.profiles, s.calls);
  for (const step of steps) {
    const r = step.result as LogonCallResult;
    if (r.op !== 'logon' || r.services.length === 0) continue;
    for (const svc of r.services) {
      expect(svc.path[0]).toBe('C1');
      // The first provider logged on in the service is tried, whatever earlier sessions did.
      const first = svc.providers.filter((p) => p.kind !== 'transport' || p.attempts > 0);
      if (first.length > 0 && svc.failures === 0) expect(first.every((p) => p.attempts >= 1)).toBe(true);
    }
  }
});

test.prop([arbSession])('C-R9, S-R2: the live provider counts are exactly the logged-on providers of live sessions', async (s) => {
  const steps = await runRecorded(s.profiles, s.calls);
  for (const step of steps) {
    for (const session of step.after.sessions.sessions) {
      const loggedOn = session.services.flatMap((svc) => svc.providers.filter((p) => p.state === 'loggedOn').map((p) => providerKey(session.profile, svc.name, p.name)));
      expect(session.loggedOn).toEqual(loggedOn);
      if (!session.alive) expect(session.clients).toEqual([]);
    }
  }
});

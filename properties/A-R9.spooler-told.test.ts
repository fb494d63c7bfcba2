import { expect } from 'vitest';
import { test } from '@fast-check/vitest';
import { LOGON_FLAGS, MAPI_FORCE_DOWNLOAD, MAPI_NO_MAIL } from '../src/constants/flags.js';
import { parseFlags } from '../src/constants/parseFlags.js';
import { arbLiveSessions } from '../src/arbitraries/session.js';
import type { LogonCallResult, StatusTableCallResult } from '../src/simulator/runScenario.js';
import { runRecorded } from './harness/runRecorded.js';
import { heldBy } from './harness/liveState.js';

/**
 * A-R9, C-R3, D-R1, T-R2: a session's spooler is told as soon as one of its clients logged on
 * without MAPI_NO_MAIL (creating it or joining it), and then stays told; transports are called only
 * by the call that told it (inside the logon with MAPI_FORCE_DOWNLOAD, else by the spooler's start
 * after it), and never for a session whose spooler was not told.
 */
test.prop([arbLiveSessions])('A-R9: the spooler is told iff some client of the session logged on without MAPI_NO_MAIL; transports are called only then', async (s) => {
  const steps = await runRecorded(s.profiles, s.calls);
  /** Session id → its spooler was told (the model's own bookkeeping). */
  const told = new Map<string, boolean>();
  for (const [i, step] of steps.entries()) {
    const where = `call ${i} (${step.call.op})`;
    const transports = step.providerCalls.filter((c) => c.kind === 'transport');
    const r = step.result;
    if (r.op === 'logon' && r.session !== null && r.hr === 'S_OK') {
      const flags = parseFlags((step.call as { flags?: string[] | number }).flags as never, LOGON_FLAGS);
      const before = told.get(r.session) ?? false;
      const now = before || (flags & MAPI_NO_MAIL) === 0;
      told.set(r.session, now);
      expect((r as LogonCallResult).spooler, where).toBe(now ? 'told' : 'notTold');
      const newSession = r.path.includes('A12');
      if (!now || before) expect(transports, `${where}: no spooler newly told, no transport`).toEqual([]);
      for (const c of transports) {
        // D-R1: MAPI_FORCE_DOWNLOAD on the creating logon logs them on inside it; otherwise the spooler does, for this session.
        const inLogon = newSession && (flags & MAPI_FORCE_DOWNLOAD) !== 0;
        expect([c.phase, c.session], `${where}: ${c.provider}`).toEqual(inLogon ? ['logon', null] : ['spooler', r.session]);
      }
      // Told now by this call: every transport of every enabled service was started (C-R2, D-R1).
      if (now && !before) {
        for (const svc of step.after.sessions.find((x) => x.id === r.session)?.services ?? []) {
          if (svc.state !== 'enabled') continue;
          for (const p of svc.providers.filter((x) => x.kind === 'transport')) expect(p.attempts, `${where}: ${p.name} started`).toBeGreaterThan(0);
        }
      }
      // A-R1: a join that tells no spooler does nothing else; one that does lists the services it started.
      if (!newSession && (before || !now)) expect((r as LogonCallResult).services, where).toEqual([]);
    } else {
      if (r.op === 'logon') expect((r as LogonCallResult).spooler, where).toBeNull();
      expect(transports, `${where}: no transport outside a logon that told a spooler`).toEqual([]);
    }
    if (r.op === 'statusTable' && r.hr === 'S_OK') {
      const session = heldBy(step.before, r.client!)!;
      const rows = (r as StatusTableCallResult).rows;
      // T-R2: STATUS_FAILURE on the spooler row, and no transport row, while it was never told.
      expect(rows.find((x) => x.kind === 'spooler')?.status, where).toBe(told.get(session.id) ? 'STATUS_AVAILABLE' : 'STATUS_FAILURE');
      if (!told.get(session.id)) expect(rows.filter((x) => x.kind === 'transport'), where).toEqual([]);
    }
    for (const live of step.after.sessions) expect(live.spooler, `${where}: ${live.id}`).toBe(told.get(live.id) ? 'told' : 'notTold');
  }
});

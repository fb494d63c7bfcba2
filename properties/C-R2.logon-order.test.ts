import { expect } from 'vitest';
import { test } from '@fast-check/vitest';
import { MAPI_FORCE_DOWNLOAD, MAPI_NO_MAIL } from '../src/constants/flags.js';
import { arbLogonScenario } from './arbitraries/scenario.js';
import { runLogonScenario } from './harness/lastLogon.js';

const scenarios = arbLogonScenario();
// C-R2 in SPEC's words, not the machine's constant: address books, then stores, then transports.
const SPEC_KIND_ORDER = ['addressBook', 'store', 'transport'];
const PHASE_ORDER = ['logon', 'spooler'];

test.prop([scenarios])(
  'C-R2: provider calls go address books (whole profile), then stores, then transports — in the spooler phase after A12 unless MAPI_FORCE_DOWNLOAD — each kind in profile order, a retry right after its first try',
  async (s) => {
    const { result, flags, step } = await runLogonScenario(s);
    const calls = step.providerCalls;
    if (result.session === null) {
      expect(calls).toEqual([]);
      return;
    }
    const profile = s.profiles.find((p) => p.name === result.profile)!;
    const position = new Map(profile.services.flatMap((svc) => svc.providers.map((p) => `${svc.name}/${p.name}`)).map((k, i) => [k, i]));
    const transportsInLogon = (flags & MAPI_FORCE_DOWNLOAD) !== 0 && (flags & MAPI_NO_MAIL) === 0;
    const joined = result.path.at(-1) === 'A3';
    for (const c of calls) {
      const where = `${c.service}/${c.provider} (${c.kind}, ${c.phase})`;
      // A-R1: a joiner logs no provider on itself; D-R1: transports are the spooler's, after A12, unless FORCE_DOWNLOAD.
      const phase = joined || (c.kind === 'transport' && !transportsInLogon) ? 'spooler' : 'logon';
      expect(c.phase, where).toBe(phase);
      expect(c.session, where).toBe(phase === 'spooler' ? result.session : null);
      if (phase === 'spooler') expect(c.kind, where).toBe('transport');
      // C-R3: MAPI_NO_MAIL tells no spooler; no transport is called for this logon.
      if (!joined && flags & MAPI_NO_MAIL) expect(c.kind, where).not.toBe('transport');
    }
    const services = result.services;
    expect(services.length > 0 || calls.length === 0).toBe(true);
    const keys = calls.map((c) => [PHASE_ORDER.indexOf(c.phase), SPEC_KIND_ORDER.indexOf(c.kind), position.get(`${c.service}/${c.provider}`)!, c.attempt] as const);
    for (let i = 1; i < keys.length; i++) {
      const [a, b] = [keys[i - 1]!, keys[i]!];
      const order = a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3];
      expect(order, `call ${i} (${calls[i]!.provider}) out of order after ${calls[i - 1]!.provider}`).toBeLessThan(0);
      // A retry follows its own first try: the same provider twice in a row, attempts 1 then 2 —
      // unless the first try never reached the provider (it ended in flowchart B, or at C-R9's limit).
      if (b[3] === 2 && !(a[2] === b[2] && a[3] === 1)) {
        const c = calls[i]!;
        const record = result.services.find((x) => x.name === c.service)!.providers.find((x) => x.name === c.provider)!;
        const firstCalled = ['B5', 'B10'].includes(record.paths[0]!.at(-1)!) && record.hrs[0] !== 'MAPI_E_SESSION_LIMIT';
        expect(firstCalled, `retry of ${c.provider} not right after its first try`).toBe(false);
      }
    }
  },
);

test.prop([scenarios])('C-R2: the records agree: each provider reports the phase that called it, and every provider of an enabled service was reached in its phase', async (s) => {
  const { result, flags } = await runLogonScenario(s);
  if (!result.path.includes('A12')) return;
  const transportsInLogon = (flags & MAPI_FORCE_DOWNLOAD) !== 0 && (flags & MAPI_NO_MAIL) === 0;
  const spoolerTold = (flags & MAPI_NO_MAIL) === 0;
  for (const svc of result.services) {
    for (const p of svc.providers) {
      const where = `${svc.name}/${p.name}`;
      const phase = p.kind === 'transport' && !transportsInLogon ? 'spooler' : 'logon';
      expect(p.phase, where).toBe(p.attempts > 0 ? phase : null);
      // Reached: an enabled service asked every provider of every kind that ran (the spooler's too when told).
      if (svc.state === 'enabled' && (p.kind !== 'transport' || spoolerTold)) expect(p.attempts, where).toBeGreaterThan(0);
      if (svc.state === 'enabled' && p.kind === 'transport' && !spoolerTold) expect(p.state, where).toBe('notStarted');
    }
  }
});

test.prop([scenarios])('C-R3: with MAPI_NO_MAIL no transport provider logs on', async (s) => {
  const { result, flags, step } = await runLogonScenario(s);
  if (!(flags & MAPI_NO_MAIL) || result.path.includes('A3')) return;
  expect(step.providerCalls.filter((c) => c.kind === 'transport')).toEqual([]);
  expect(result.spooler).toBe(result.session === null ? null : 'notTold');
  for (const svc of result.services) {
    for (const p of svc.providers.filter((x) => x.kind === 'transport')) {
      expect(p.attempts).toBe(0);
      expect(['notStarted', 'disabled']).toContain(p.state);
    }
  }
});

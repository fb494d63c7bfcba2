import { describe, expect, it } from 'vitest';
import { checkConformance } from '../src/conformance/checkConformance.js';
import { createMapiSubsystem, type MapiSession, type MapiSubsystem, type MapiSubsystemOptions } from '../src/subsystem/createMapiSubsystem.js';
import { LOGON_FLAGS, MAPI_NEW_SESSION } from '../src/constants/flags.js';
import { parseFlags } from '../src/constants/parseFlags.js';

// Deliberately wrong implementations: each wraps the real one and breaks one rule.

/** Disables a service at its first failure (C-R5 says: at the second). */
const disablesAtFirstFailure = (options: MapiSubsystemOptions): MapiSubsystem => {
  const real = createMapiSubsystem(options);
  return {
    ...real,
    async logonEx(params) {
      const r = await real.logonEx(params);
      return {
        ...r,
        services: r.services.map((s) => (s.failures >= 1 ? { ...s, state: 'disabled', providers: s.providers.map((p) => ({ ...p, state: 'disabled' })) } : s)),
      };
    },
  };
};

/** Hands out the shared session even to MAPI_NEW_SESSION (A-R7 says never). */
const sharesDespiteNewSession = (options: MapiSubsystemOptions): MapiSubsystem => {
  const real = createMapiSubsystem(options);
  let shared: MapiSession | null = null;
  const held = new Map<string, MapiSession>();
  const live = async (s: MapiSession | null | undefined) => Boolean(s) && (await s!.statusTable()).hr === 'S_OK';
  return {
    ...real,
    async logonEx(params) {
      const flags = parseFlags(params.flags, LOGON_FLAGS);
      // Only the one rule is broken: a valid NEW_SESSION logon by a free client gets the shared session.
      const valid = !params.password && !(flags & 0x1 && flags & 0x20000) && (params.profileName ?? '').length <= 64;
      const joined = shared;
      if (valid && flags & MAPI_NEW_SESSION && joined && (await live(joined)) && !(await live(held.get(params.client!)))) {
        held.set(params.client!, joined);
        return { hr: 'S_OK', hrValue: 0, session: joined, shared: true, profile: joined.profile, path: ['A1', 'A2', 'A3'], dialogs: [], dialogLog: [], services: [], spooler: 'told', spoolerStart: null };
      }
      const r = await real.logonEx(params);
      if (r.session?.shared) shared = r.session;
      if (r.session) held.set(params.client!, r.session);
      return r;
    },
  };
};

describe('checkConformance', () => {
  it('the subsystem itself conforms', async () => {
    const report = await checkConformance(createMapiSubsystem, { numRuns: 60, seed: 1 });
    expect(report.message).toMatch(/^conforms on 60 generated scenarios/);
    expect(report.ok).toBe(true);
  });

  it('catches a service disabled after the first failure, shrunk to a small scenario, readably', async () => {
    const report = await checkConformance(disablesAtFirstFailure, { numRuns: 300, seed: 7 });
    expect(report.ok).toBe(false);
    expect(report.divergence!.field).toMatch(/^services\[\d+\]\.(state|providers\[\d+\]\.state)$/);
    expect(report.divergence!.expected).toBeTypeOf('string');
    expect(report.message).toContain('diverges from the machines at call');
    // Shrunk: one profile, a few calls.
    expect(report.divergence!.scenario.calls.length).toBeLessThanOrEqual(4);
    expect(report.divergence!.scenario.profiles).toHaveLength(1);
  });

  it('catches the shared session returned despite MAPI_NEW_SESSION', async () => {
    const report = await checkConformance(sharesDespiteNewSession, { numRuns: 500, seed: 3 });
    expect(report.ok).toBe(false);
    expect(['hr', 'session', 'path[1]', 'path', 'shared', 'services', 'profile'].some((f) => report.divergence!.field.startsWith(f))).toBe(true);
    expect(report.message).toMatch(/MAPI_NEW_SESSION/);
  });
});

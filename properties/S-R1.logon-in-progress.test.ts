import { expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { arbProfiles } from '../src/arbitraries/profiles.js';
import { arbValidFlagNames } from '../src/arbitraries/logon.js';
import { createMapiSubsystem, type ProviderLogonContext, type UninitReply } from '../src/subsystem/createMapiSubsystem.js';
import type { ProviderLogoffInput } from '../machines/types.js';
import type { ProfileInput } from '../src/arbitraries/types.js';
import { isError } from './harness/invariants.js';

const KIND_ORDER = ['addressBook', 'store', 'transport'];

/**
 * S-R1 (v2, model decision): the uninitialize that brings the count to zero while a logon runs ends
 * that logon with MAPI_E_NOT_INITIALIZED; what it had logged on logs off (D-R4's order) and the
 * mutex is free again. Once MAPILogonEx has returned, the session is live and that uninitialize
 * ends it like any other (endedSessions).
 */
/**
 * `reentrant`: the provider's callback itself calls uninitialize() and answers at once; else the
 * uninitialize comes from elsewhere (the next turn of the event loop) while the provider's answer
 * is pending, as another client of the app would call it.
 */
const property = (reentrant: boolean) => async (profiles: ProfileInput[], flagNames: string[], at: number) => {
  const profile: ProfileInput = { ...profiles[0]!, credentials: 'valid' };
  const flags = flagNames.filter((f) => !['MAPI_LOGON_UI', 'MAPI_PASSWORD_UI', 'MAPI_TIMEOUT_SHORT'].includes(f));
  const calls: Array<ProviderLogonContext & { answer: string }> = [];
  const logoffs: ProviderLogoffInput[] = [];
  /** The uninitialize under test and the provider call it came in. */
  const box: { uninit: Promise<UninitReply> | null; during: ProviderLogonContext | null } = { uninit: null, during: null };
  const outcomes = new Map(profile.services.flatMap((s) => s.providers.map((p) => [`${s.name}/${p.name}`, p.outcomes ?? ['S_OK']] as const)));
  const mapi = createMapiSubsystem({
    profiles: [profile],
    providerLogon: (ctx) => {
      const list = outcomes.get(`${ctx.service}/${ctx.provider}`)!;
      const answer = list[Math.min(ctx.attempt - 1, list.length - 1)]!;
      calls.push({ ...ctx, answer });
      if (calls.length - 1 !== at || box.uninit !== null) return reentrant ? answer : new Promise((resolve) => setImmediate(() => resolve(answer)));
      box.during = ctx;
      if (reentrant) {
        box.uninit = mapi.uninitialize();
        return answer;
      }
      // The uninitialize on the next turn; this provider's answer on the turn after it.
      let settle: (a: string) => void = () => {};
      const pending = new Promise<string>((resolve) => (settle = resolve));
      box.uninit = new Promise<UninitReply>((resolve) => setImmediate(() => resolve(mapi.uninitialize()))).then((r) => {
        setImmediate(() => settle(answer));
        return r;
      });
      return pending;
    },
    providerLogoff: (p) => void logoffs.push(p),
  });
  await mapi.initialize();
  const result = await mapi.logonEx({ client: 'c1', profileName: profile.name, flags });
  // The spooler's start set off by the logon (if any) is over before the checks.
  if (result.spoolerStart) await result.spoolerStart.catch(() => null);
  if (box.uninit === null || box.during === null) return; // fewer calls than `at`: nothing to check here
  const reply = await box.uninit;
  expect(reply.initCount).toBe(0);
  if (box.during.phase === 'logon') {
    expect({ hr: result.hr, session: result.session }).toEqual({ hr: 'MAPI_E_NOT_INITIALIZED', session: null });
    expect(reply.endedSessions).toEqual([]);
    // Logged on inside the logon (an answer with the severity bit clear that the logon received), not
    // logged off by C7. A re-entrant callback answered at once, so its own answer was received too; a
    // pending answer was abandoned (its signal aborted).
    const before = calls.slice(0, reentrant ? at + 1 : at).filter((c) => !isError(c.answer as never));
    const disabled = new Set(logoffs.filter((l) => l.reason === 'disabled').map((l) => `${l.service}/${l.provider}`));
    const position = (c: { service: string; provider: string }) => profile.services.flatMap((s) => s.providers.map((p) => `${s.name}/${p.name}`)).indexOf(`${c.service}/${c.provider}`);
    const expected = before
      .filter((c) => !disabled.has(`${c.service}/${c.provider}`))
      .sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || position(a) - position(b))
      .map((c) => c.provider);
    expect(logoffs.filter((l) => l.reason === 'logoff').map((l) => l.provider)).toEqual(expected);
  } else {
    // The logon had returned: its session is live and this uninitialize ends it.
    expect(result.hr).toBe('S_OK');
    expect(reply.endedSessions.map((e) => e.session)).toEqual([result.session!.id]);
  }
  const state = mapi.state();
  expect({ running: state.logonRunning, waiting: state.logonsWaiting, sessions: state.sessions, holdings: state.holdings }).toEqual({ running: false, waiting: 0, sessions: [], holdings: [] });
  // The mutex is free: a new logon after a new initialize runs to its end.
  await mapi.initialize();
  const again = await mapi.logonEx({ client: 'c1', profileName: profile.name, flags });
  expect(again.hr).toBe('S_OK');
};

test.prop([arbProfiles, arbValidFlagNames, fc.nat({ max: 12 })])(
  'S-R1: the last uninitialize while a provider of a logon or of its spooler start is answering ends it with MAPI_E_NOT_INITIALIZED, logs off what it had logged on, frees the mutex',
  property(false),
);

// Re-entrant: the uninitialize comes from inside a provider's callback, while its machine is in the
// middle of a step (inside MAPILogonEx, in the spooler's start right after A12, or a later call of
// that start).
test.prop([arbProfiles, arbValidFlagNames, fc.nat({ max: 12 })])(
  'S-R1: the last uninitialize called from inside a provider of a logon or of its spooler start ends it with MAPI_E_NOT_INITIALIZED, logs off what it had logged on, frees the mutex',
  property(true),
);

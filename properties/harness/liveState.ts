import type { LiveSessionState, MapiSubsystemState } from '../../src/subsystem/createMapiSubsystem.js';

/** The live session with this id in a state() snapshot (live sessions only, D-R5). */
export const liveSession = (state: MapiSubsystemState, id: string | null): LiveSessionState | undefined =>
  id === null ? undefined : state.sessions.find((s) => s.id === id);

/**
 * C-R9: how many live sessions other than `except` have this provider logged on now, read off
 * each session's service records (a provider is held while its state is `loggedOn`).
 */
export function sessionsHolding(state: MapiSubsystemState, profile: string, service: string, provider: string, except: string | null): number {
  return state.sessions.filter(
    (s) =>
      s.id !== except &&
      s.profile === profile &&
      s.services.some((svc) => svc.name === service && svc.providers.some((p) => p.name === provider && p.state === 'loggedOn')),
  ).length;
}

/** Attempts a session's record had already made of a provider before a call (0 for a new session). */
export function priorAttempts(state: MapiSubsystemState, session: string | null, service: string, provider: string): number {
  const svc = liveSession(state, session)?.services.find((x) => x.name === service);
  return svc?.providers.find((p) => p.name === provider)?.attempts ?? 0;
}

/** S-R4: the live session a client holds, if any. */
export const heldBy = (state: MapiSubsystemState, client: string): LiveSessionState | undefined => {
  const id = state.holdings.find(([c]) => c === client)?.[1];
  return id === undefined ? undefined : liveSession(state, id);
};

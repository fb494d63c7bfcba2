import { createHash } from 'node:crypto';
import type { MapiSubsystemState } from '../subsystem/types.js';

/** What a client's handle stands for: nothing yet, a session that ended, or a live session. */
export type HandleState = { kind: 'none' } | { kind: 'dead' } | { kind: 'live'; session: string };

/**
 * The subsystem's state with what cannot change the future left out, so that two runs that
 * reached the same situation by different calls hash the same and are expanded once:
 * - session ids are renamed by creation order among the live ones (`nextSession` is a counter);
 * - a provider record keeps its state and configuration, not its history (hr, hrs, attempts,
 *   paths): no rule reads them back. A service keeps its failure count and state (C-R5, C-R6).
 * The clients' handles are part of the state: a dead handle answers MAPI_E_INVALID_OBJECT.
 * `extra` carries what the checker itself tracks per session (the flags its clients logged on with).
 */
export function canonicalState(
  state: MapiSubsystemState,
  handles: ReadonlyArray<HandleState>,
  extra: (sessionId: string) => unknown = () => null,
): string {
  const rename = new Map(state.sessions.map((s, i) => [s.id, i]));
  const sessions = state.sessions.map((s) => [
    s.profile,
    s.shared ? 1 : 0,
    s.clients,
    s.spooler === 'told' ? 1 : 0,
    s.services.map((svc) => [svc.state === 'enabled' ? 1 : 0, svc.failures, svc.providers.map((p) => `${p.state[0]}${p.configured ? 1 : 0}`).join('')]),
    extra(s.id),
  ]);
  const configured = state.profiles.map((p) => p.services.map((svc) => svc.providers.map((x) => (x.configured ? 1 : 0)).join('')).join('.'));
  const hs = handles.map((h) => (h.kind === 'live' ? rename.get(h.session) ?? 'x' : h.kind[0]));
  return JSON.stringify([state.initCount, state.shared === null ? null : rename.get(state.shared), state.logonRunning, state.logonsWaiting, configured, sessions, hs]);
}

/** A short fixed-size key for the set of seen states (sha1 is plenty: collisions are not adversarial here). */
export function stateKey(canonical: string): string {
  return createHash('sha1').update(canonical).digest('base64');
}

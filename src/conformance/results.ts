import { LOGON_FLAGS } from '../constants/flags.js';
import type { Scenario, ScenarioCall } from '../schema/scenario.js';

/**
 * Results as plain JSON (SPEC section 8): the conformance kit reads them field by field, so it
 * works on any version of the output and on answers from other implementations.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type ResultJson = { [key: string]: Json };

export const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
export const strings = (v: unknown): string[] => asArray(v).filter((x): x is string => typeof x === 'string');

/** A call's logon flags as bits (names or one number, SPEC 8); unknown names count as no bit. */
export function flagBits(flags: unknown): number {
  if (typeof flags === 'number') return flags >>> 0;
  return strings(flags).reduce((bits, name) => (bits | ((LOGON_FLAGS as Record<string, number>)[name] ?? 0)) >>> 0, 0);
}
export const hasFlag = (call: ScenarioCall, bit: number) => 'flags' in call && (flagBits(call.flags) & bit) !== 0;

export interface ProviderView {
  service: string;
  name: string;
  kind: string;
  state: string;
  hr: unknown;
  hrs: string[];
  phase: unknown;
  attempts: number;
  paths: string[][];
}

/** The providers of a logon result, flattened in profile order. */
export function providersOf(result: unknown): ProviderView[] {
  return asArray(asRecord(result).services).flatMap((s) => {
    const service = asRecord(s);
    return asArray(service.providers).map((p) => {
      const r = asRecord(p);
      return {
        service: String(service.name),
        name: String(r.name),
        kind: String(r.kind),
        state: String(r.state),
        hr: r.hr,
        hrs: strings(r.hrs),
        phase: r.phase ?? null,
        attempts: typeof r.attempts === 'number' ? r.attempts : 0,
        paths: asArray(r.paths).map(strings),
      };
    });
  });
}

/** Which client holds which session, and what happened to the sessions, call by call (from the results). */
export interface CallContext {
  index: number;
  call: ScenarioCall;
  /** The client held a live session before this call (S-R4). */
  clientHeldLive: boolean;
  /** Some live session existed before this call (S-R3). */
  anyLive: boolean;
  /** A shared session existed before this call, and one had ended earlier (S-R2). */
  sharedLive: boolean;
  sharedEverEnded: boolean;
  /** Logoffs by clients of the shared session that is live now (S-R2: it ends with its last client). */
  sharedLogoffs: number;
  /** The client's last session was ended by the uninitialize that reached zero (S-R1). */
  endedByUninitialize: boolean;
  /** `profile/service` pairs disabled in an earlier session (C-R8). */
  disabledBefore: Set<string>;
  initialized: boolean;
}

/** Walks the results of a run (the reference's) and gives each call the context it ran in. */
export function callContexts(scenario: Scenario, results: unknown[]): CallContext[] {
  const holder = new Map<string, string>(); // client → live session id
  const live = new Set<string>();
  let shared: string | null = null;
  let sharedEverEnded = false;
  let sharedLogoffs = 0;
  const endedByUninit = new Set<string>(); // clients
  let initialized = 0;
  const disabledBefore = new Set<string>();
  const out: CallContext[] = [];
  const endSession = (id: string) => {
    live.delete(id);
    for (const [c, s] of holder) if (s === id) holder.delete(c);
    if (shared === id) {
      shared = null;
      sharedEverEnded = true;
      sharedLogoffs = 0;
    }
  };
  scenario.calls.forEach((call, index) => {
    const r = asRecord(results[index]);
    const client = 'client' in call ? call.client : undefined;
    out.push({
      index,
      call,
      clientHeldLive: client !== undefined && holder.has(client),
      anyLive: live.size > 0,
      sharedLive: shared !== null,
      sharedEverEnded,
      sharedLogoffs,
      endedByUninitialize: client !== undefined && endedByUninit.has(client),
      disabledBefore: new Set(disabledBefore),
      initialized: initialized > 0,
    });
    const ok = r.hr === 'S_OK' || (typeof r.hr === 'string' && r.hr.startsWith('MAPI_W_'));
    switch (call.op) {
      case 'initialize':
        initialized = typeof r.initCount === 'number' ? r.initCount : initialized + 1;
        break;
      case 'uninitialize':
        initialized = typeof r.initCount === 'number' ? r.initCount : Math.max(0, initialized - 1);
        if (initialized === 0) {
          for (const c of holder.keys()) endedByUninit.add(c);
          [...live].forEach(endSession);
        }
        break;
      case 'logon': {
        if (!ok || typeof r.session !== 'string') break;
        holder.set(call.client, r.session);
        endedByUninit.delete(call.client);
        live.add(r.session);
        if (r.shared === true) shared = r.session;
        for (const s of asArray(r.services)) {
          const service = asRecord(s);
          if (service.state === 'disabled') disabledBefore.add(`${String(r.profile)}/${String(service.name)}`);
        }
        break;
      }
      case 'logoff': {
        const session = typeof r.session === 'string' ? r.session : holder.get(call.client);
        if (ok && session && session === shared) sharedLogoffs++;
        if (ok && r.ended === true && session) endSession(session);
        else if (ok) holder.delete(call.client);
        break;
      }
      default:
        break;
    }
  });
  return out;
}

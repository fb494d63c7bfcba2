import fc from 'fast-check';
import { arbProfiles, PROFILE_NAMES } from './profiles.js';
import { arbAnswers, arbProfileName, arbValidFlagNames } from './logon.js';
import type { CallInput, ProfileInput } from './types.js';

export const CLIENTS = ['c1', 'c2', 'c3', 'c4'] as const;

/** How often each kind of call is drawn (relative weights). */
export interface CallWeights {
  logon: number;
  logoff: number;
  statusTable: number;
  queryIdentity: number;
  initialize: number;
  uninitialize: number;
}

/** Sequences for S-R1: many initialize/uninitialize calls among the rest. */
export const MIXED_WEIGHTS: CallWeights = { logon: 5, logoff: 3, statusTable: 1, queryIdentity: 1, initialize: 1, uninitialize: 1 };
/** Sequences for the live session (flowchart D): sessions live long and are used (status table, identity, logoff). */
export const LIVE_WEIGHTS: CallWeights = { logon: 3, logoff: 2, statusTable: 3, queryIdentity: 3, initialize: 1, uninitialize: 1 };

/** One call by one of the clients, drawn with the given weights. */
export const arbCall = (profiles: ProfileInput[], weights: CallWeights = MIXED_WEIGHTS, clients: readonly string[] = CLIENTS): fc.Arbitrary<CallInput> => {
  const client = fc.constantFrom(...clients);
  return fc.oneof(
    { weight: weights.logon, arbitrary: fc.record({ op: fc.constant('logon' as const), client, profileName: arbProfileName(profiles), password: fc.constant(null), flags: arbValidFlagNames, answers: arbAnswers(profiles) }) },
    { weight: weights.logoff, arbitrary: fc.record({ op: fc.constant('logoff' as const), client, flags: fc.constantFrom<string[]>([], ['MAPI_LOGOFF_SHARED']) }) as fc.Arbitrary<CallInput> },
    { weight: weights.statusTable, arbitrary: fc.record({ op: fc.constant('statusTable' as const), client }) },
    { weight: weights.queryIdentity, arbitrary: fc.record({ op: fc.constant('queryIdentity' as const), client }) },
    { weight: weights.initialize, arbitrary: fc.constant<CallInput>({ op: 'initialize' }) },
    { weight: weights.uninitialize, arbitrary: fc.constant<CallInput>({ op: 'uninitialize' }) },
  );
};

export interface SessionScenario {
  profiles: ProfileInput[];
  calls: CallInput[];
}

const ALL_PROFILES = PROFILE_NAMES.map((name) => ({ name, services: [] })) as ProfileInput[];

/**
 * Calls are drawn before the profiles are known. Pickers may name only existing profiles (V-R5).
 * With `fitNames`, a profile name or picker answer naming a profile the scenario lacks is mapped
 * onto one it has (same case), so that most logons find their profile; without it, such a name
 * stays (a logon that fails at A11, and a shrinker that can drop profiles freely).
 */
function fit(call: CallInput, profiles: ProfileInput[], fitNames: boolean): CallInput {
  if (call.op !== 'logon') return call;
  if (!fitNames) {
    // Pickers may name only existing profiles (V-R5): others become cancels; profile names stay as drawn.
    const names = new Set(profiles.map((p) => p.name));
    if (!call.answers?.profilePicker) return call;
    return { ...call, answers: { ...call.answers, profilePicker: call.answers.profilePicker.map((a) => (names.has(a) ? a : 'cancel')) } };
  }
  const names = profiles.map((p) => p.name);
  const onto = (name: string) => {
    const i = PROFILE_NAMES.findIndex((n) => n.toUpperCase() === name.toUpperCase());
    if (i < 0 || names.includes(PROFILE_NAMES[i]!)) return name;
    const other = names[i % names.length]!;
    return name === name.toUpperCase() ? other.toUpperCase() : other;
  };
  const profileName = typeof call.profileName === 'string' ? onto(call.profileName) : call.profileName;
  const picker = call.answers?.profilePicker?.map((a) => (a === 'cancel' ? a : onto(a)));
  return { ...call, profileName, ...(call.answers ? { answers: { ...call.answers, ...(picker ? { profilePicker: picker } : {}) } } : {}) };
}

/**
 * A scenario: profiles, initialize, then up to `maxCalls` calls. Profiles and calls are drawn
 * apart and fitted together (no `chain`), so that a failure shrinks on both.
 */
export const arbSessionWith = (
  weights: CallWeights,
  options: { maxCalls?: number; clients?: readonly string[]; logonsFirst?: boolean; fitNames?: boolean } = {},
): fc.Arbitrary<SessionScenario> => {
  const clients = options.clients ?? CLIENTS;
  // With `logonsFirst`, every client logs on once before the random calls, so that sessions live and get used.
  const first = options.logonsFirst
    ? fc.tuple(...clients.map((c) => arbCall(ALL_PROFILES, { ...weights, logoff: 0, statusTable: 0, queryIdentity: 0, initialize: 0, uninitialize: 0 }, [c])))
    : fc.constant([]);
  return fc
    .tuple(arbProfiles, first, fc.array(arbCall(ALL_PROFILES, weights, clients), { minLength: 1, maxLength: options.maxCalls ?? 12 }))
    .map(([profiles, logons, calls]) => ({
      profiles,
      calls: [{ op: 'initialize' } as CallInput, ...[...logons, ...calls].map((c) => fit(c, profiles, options.fitNames ?? false))],
    }));
};

/** Sequences of every kind of call from four clients (S-R1, S-R2, S-R4, C-R8, C-R9). */
export const arbSession: fc.Arbitrary<SessionScenario> = arbSessionWith(MIXED_WEIGHTS);

/** Sequences where sessions live and are used, from three clients (A-R9, T-R1, D-R3, D-R4). */
export const arbLiveSessions: fc.Arbitrary<SessionScenario> = arbSessionWith(LIVE_WEIGHTS, { maxCalls: 10, clients: ['c1', 'c2', 'c3'], logonsFirst: true, fitNames: true });

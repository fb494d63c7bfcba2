import fc from 'fast-check';
import { arbProfiles, PROFILE_NAMES } from './profiles.js';
import { arbAnswers, arbProfileName, arbValidFlagNames } from './logon.js';
import type { CallInput, ProfileInput } from './types.js';

export const CLIENTS = ['c1', 'c2', 'c3', 'c4'] as const;

/** One call by one of four clients: mostly logons, with logoffs (shared or not) and the rest. */
export const arbCall = (profiles: ProfileInput[]): fc.Arbitrary<CallInput> => {
  const client = fc.constantFrom(...CLIENTS);
  return fc.oneof(
    { weight: 5, arbitrary: fc.record({ op: fc.constant('logon' as const), client, profileName: arbProfileName(profiles), password: fc.constant(null), flags: arbValidFlagNames, answers: arbAnswers(profiles) }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('logoff' as const), client, flags: fc.constantFrom<string[]>([], ['MAPI_LOGOFF_SHARED']) }) as fc.Arbitrary<CallInput> },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('statusTable' as const), client }) },
    { weight: 1, arbitrary: fc.constantFrom<CallInput>({ op: 'initialize' }, { op: 'uninitialize' }) },
  );
};

export interface SessionScenario {
  profiles: ProfileInput[];
  calls: CallInput[];
}

const ALL_PROFILES = PROFILE_NAMES.map((name) => ({ name, services: [] })) as ProfileInput[];

/** Picker answers may name only profiles the scenario has (V-R5): others become cancels. */
function fit(call: CallInput, names: Set<string>): CallInput {
  if (call.op !== 'logon' || !call.answers?.profilePicker) return call;
  return { ...call, answers: { ...call.answers, profilePicker: call.answers.profilePicker.map((a) => (names.has(a) ? a : 'cancel')) } };
}

/**
 * A scenario: profiles, initialize, then up to 12 calls from four clients. Profiles and calls are
 * drawn apart and fitted together (no `chain`), so that a failure shrinks on both.
 */
export const arbSession: fc.Arbitrary<SessionScenario> = fc
  .tuple(arbProfiles, fc.array(arbCall(ALL_PROFILES), { minLength: 1, maxLength: 12 }))
  .map(([profiles, calls]) => {
    const names = new Set(profiles.map((p) => p.name));
    return { profiles, calls: [{ op: 'initialize' } as CallInput, ...calls.map((c) => fit(c, names))] };
  });

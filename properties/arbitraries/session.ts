import fc from 'fast-check';
import { arbProfiles } from './profiles.js';
import { arbAnswers, arbProfileName, arbValidFlagNames } from './logon.js';
import type { CallInput, ProfileInput } from '../harness/types.js';

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

/** A scenario: profiles, initialize, then up to 12 calls from four clients. */
export const arbSession: fc.Arbitrary<SessionScenario> = arbProfiles.chain((profiles) =>
  fc.array(arbCall(profiles), { minLength: 1, maxLength: 12 }).map((calls) => ({ profiles, calls: [{ op: 'initialize' } as CallInput, ...calls] })),
);

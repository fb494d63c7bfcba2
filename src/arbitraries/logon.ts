import fc from 'fast-check';
import { LOGON_FLAGS, type LogonFlagName } from '../constants/flags.js';
import type { AnswersInput, LogonInput, ProfileInput } from './types.js';

export const FLAG_NAMES = Object.keys(LOGON_FLAGS) as LogonFlagName[];

/** Any combination of the 14 defined flags, as names. */
export const arbFlagNames: fc.Arbitrary<LogonFlagName[]> = fc.subarray(FLAG_NAMES);

/** Flags with the UI pair kept apart most of the time, so V-R2 does not swallow the runs. */
export const arbValidFlagNames: fc.Arbitrary<LogonFlagName[]> = arbFlagNames.map((f) =>
  f.includes('MAPI_LOGON_UI') && f.includes('MAPI_PASSWORD_UI') ? f.filter((x) => x !== 'MAPI_PASSWORD_UI') : f,
);

/**
 * NULL, empty, an existing profile (most often, in any case: A-R2), a missing one, and the 64/65
 * character edge of V-R3.
 */
export const arbProfileName = (profiles: ProfileInput[]): fc.Arbitrary<string | null> =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constant('') },
    { weight: 10, arbitrary: fc.constantFrom(...profiles.flatMap((p) => [p.name, p.name, p.name.toUpperCase()])) },
    { weight: 1, arbitrary: fc.constant('Missing') },
    { weight: 1, arbitrary: fc.constantFrom('p'.repeat(64), 'p'.repeat(65)) },
  );

/** One answer of a list, the first of `common` answers weighted so that the logon mostly goes on. */
const weighted = <T extends string>(common: T, others: T[]): fc.Arbitrary<T> =>
  fc.oneof({ weight: 2, arbitrary: fc.constant(common) }, { weight: 1, arbitrary: fc.constantFrom(...others) });

/** Scripted dialog answers: a few of each kind, pickers naming real profiles, mostly answers that go on. */
export const arbAnswers = (profiles: ProfileInput[]): fc.Arbitrary<AnswersInput> =>
  fc.record(
    {
      profilePicker: fc.array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...profiles.map((p) => p.name)) }, { weight: 1, arbitrary: fc.constant('cancel') }), { maxLength: 2 }),
      password: fc.array(weighted<'valid' | 'invalid' | 'cancel'>('valid', ['invalid', 'cancel']), { maxLength: 2 }),
      serviceConfig: fc.array(fc.constantFrom('complete', 'cancel'), { maxLength: 4 }),
      providerConfig: fc.array(fc.constantFrom('complete', 'incomplete', 'cancel', 'accidental-cancel'), { maxLength: 6 }),
      // C6: retried and declined both common (a missing answer is a decline too).
      retry: fc.array(fc.constantFrom('retry', 'cancel'), { maxLength: 4 }),
    },
    { requiredKeys: [] },
  );

export const arbLogon = (client: string, profiles: ProfileInput[], flags = arbValidFlagNames): fc.Arbitrary<LogonInput> =>
  fc.record({
    op: fc.constant('logon' as const),
    client: fc.constant(client),
    profileName: arbProfileName(profiles),
    password: fc.constant(null),
    flags,
    answers: arbAnswers(profiles),
  });

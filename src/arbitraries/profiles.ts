import fc from 'fast-check';
import { HRESULT_NAMES, type HResultName } from '../constants/hresults.js';
import type { ProfileInput, ProviderInput, ServiceInput } from './types.js';

/**
 * Every HRESULT the SPEC names, weighted (issue 14) so that each branch of flowchart C is common:
 * S_OK most, a warning (C-R5 v2), MAPI_E_FAILONEPROVIDER (C5), MAPI_E_UNCONFIGURED (C4), a plain
 * failure (C6, and C7 at a second one), and now and then any name at all.
 */
export const arbOutcome: fc.Arbitrary<HResultName> = fc.oneof(
  { weight: 16, arbitrary: fc.constant<HResultName>('S_OK') },
  { weight: 2, arbitrary: fc.constant<HResultName>('MAPI_W_ERRORS_RETURNED') },
  { weight: 3, arbitrary: fc.constant<HResultName>('MAPI_E_FAILONEPROVIDER') },
  { weight: 1, arbitrary: fc.constant<HResultName>('MAPI_E_UNCONFIGURED') },
  { weight: 2, arbitrary: fc.constantFrom<HResultName>('MAPI_E_NETWORK_ERROR', 'MAPI_E_CALL_FAILED', 'MAPI_E_VERSION') },
  { weight: 1, arbitrary: fc.constantFrom(...HRESULT_NAMES) },
);

/** An answer that is a failure of the service under C-R5 (C4's or C6's). */
const arbFailure = fc.constantFrom<HResultName>('MAPI_E_UNCONFIGURED', 'MAPI_E_NETWORK_ERROR', 'MAPI_E_CALL_FAILED');

/** A provider's fault when it is called through the API (C-R10); none for most. */
export type Fault = 'none' | 'throw' | 'reject' | 'garbage';
export const arbFault: fc.Arbitrary<Fault> = fc.oneof(
  { weight: 8, arbitrary: fc.constant<Fault>('none') },
  { weight: 1, arbitrary: fc.constantFrom<Fault>('throw', 'reject', 'garbage') },
);

type GeneratedProvider = Omit<ProviderInput, 'name' | 'identity'> & { identity: boolean };

const arbProvider: fc.Arbitrary<GeneratedProvider> = fc.record({
  kind: fc.constantFrom('addressBook', 'store', 'transport'),
  configured: fc.oneof({ weight: 6, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  storesConfig: fc.oneof({ weight: 8, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  // C-R9: limits of 1 and 2 bite when other sessions hold the provider; 0 bites at once.
  sessionLimit: fc.oneof({ weight: 2, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(0, 1, 1, 1, 2) }),
  // D-R3, T-R4: some providers supply an identity, some mark it primary (with or without one).
  identity: fc.boolean(),
  primaryIdentity: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  outcomes: fc.oneof(
    { weight: 4, arbitrary: fc.array(arbOutcome, { minLength: 1, maxLength: 3 }) },
    // C-R5: a provider that fails once and then logs on, so that "one failure stays enabled" is common.
    { weight: 1, arbitrary: fc.tuple(arbFailure, fc.constantFrom<HResultName>('S_OK', 'MAPI_W_ERRORS_RETURNED')).map((o): HResultName[] => o) },
  ),
});

// Built from arrays and named afterwards (no `chain`), so that a failing case shrinks by dropping
// services and providers.
const arbServices = fc.array(fc.array(arbProvider, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 });

const named = (profile: string, services: GeneratedProvider[][]): ServiceInput[] =>
  services.map((providers, s) =>
    ({
      name: `${profile}.s${s + 1}`,
      providers: providers.map(({ identity, ...p }, i) => {
        const name = `${profile}.s${s + 1}.p${i + 1}`;
        return { name, ...p, identity: identity ? `${name} user` : null };
      }),
    }),
  );

// Mostly valid: most generated logons should reach the services (issue 14).
const arbCredentials = fc.oneof({ weight: 8, arbitrary: fc.constant<'valid'>('valid') }, { weight: 1, arbitrary: fc.constant<'invalid'>('invalid') });

/** A profile of 1-4 services × 1-4 providers of mixed kinds (issue 3's generator). */
export const arbProfile = (name: string): fc.Arbitrary<ProfileInput> =>
  fc.record({ credentials: arbCredentials, services: arbServices }).map(({ credentials, services }) => ({
    name,
    default: false,
    credentials,
    services: named(name, services),
  }));

export const PROFILE_NAMES = ['Work', 'Home', 'Lab'] as const;

const arbProfileBody = fc.record({ credentials: arbCredentials, services: arbServices });

/**
 * 1-3 profiles named Work, Home, Lab in that order (each maybe, Work most often); at most one is
 * the default. Each name has a slot of its own, so that a shrinker dropping one profile renames
 * none of the others (a scenario naming "Home" still means the same profile).
 */
export const arbProfiles: fc.Arbitrary<ProfileInput[]> = fc
  .record({
    profiles: fc
      .tuple(fc.option(arbProfileBody, { nil: null, freq: 6 }), fc.option(arbProfileBody, { nil: null }), fc.option(arbProfileBody, { nil: null }))
      .filter((ps) => ps.some((p) => p !== null)),
    defaultIndex: fc.integer({ min: -1, max: 2 }),
  })
  .map(({ profiles, defaultIndex }) =>
    profiles.flatMap((p, i) =>
      p === null
        ? []
        : [{ name: PROFILE_NAMES[i]!, default: i === defaultIndex, credentials: p.credentials, services: named(PROFILE_NAMES[i]!, p.services) }],
    ),
  );

import fc from 'fast-check';
import { HRESULT_NAMES, type HResultName } from '../constants/hresults.js';
import type { ProfileInput, ProviderInput, ServiceInput } from './types.js';

/** Every HRESULT the SPEC names, weighted so that S_OK stays common enough for logons to succeed. */
export const arbOutcome: fc.Arbitrary<HResultName> = fc.oneof(
  { weight: 6, arbitrary: fc.constant<HResultName>('S_OK') },
  { weight: 2, arbitrary: fc.constant<HResultName>('MAPI_E_FAILONEPROVIDER') },
  { weight: 1, arbitrary: fc.constant<HResultName>('MAPI_E_UNCONFIGURED') },
  { weight: 3, arbitrary: fc.constantFrom(...HRESULT_NAMES) },
);

/** A provider's fault when it is called through the API (C-R10); none for most. */
export type Fault = 'none' | 'throw' | 'reject' | 'garbage';
export const arbFault: fc.Arbitrary<Fault> = fc.oneof(
  { weight: 8, arbitrary: fc.constant<Fault>('none') },
  { weight: 1, arbitrary: fc.constantFrom<Fault>('throw', 'reject', 'garbage') },
);

const arbProvider: fc.Arbitrary<Omit<ProviderInput, 'name'>> = fc.record({
  kind: fc.constantFrom('addressBook', 'store', 'transport'),
  configured: fc.boolean(),
  storesConfig: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  sessionLimit: fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(0, 1, 2) }),
  outcomes: fc.array(arbOutcome, { minLength: 1, maxLength: 3 }),
});

// Built from arrays and named afterwards (no `chain`), so that a failing case shrinks by dropping
// services and providers.
const arbServices = fc.array(fc.array(arbProvider, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 });

const named = (profile: string, services: Array<Array<Omit<ProviderInput, 'name'>>>): ServiceInput[] =>
  services.map((providers, s) => ({
    name: `${profile}.s${s + 1}`,
    providers: providers.map((p, i) => ({ name: `${profile}.s${s + 1}.p${i + 1}`, ...p })),
  }));

const arbCredentials = fc.oneof({ weight: 3, arbitrary: fc.constant<'valid'>('valid') }, { weight: 1, arbitrary: fc.constant<'invalid'>('invalid') });

/** A profile of 1-4 services × 1-4 providers of mixed kinds (issue 3's generator). */
export const arbProfile = (name: string): fc.Arbitrary<ProfileInput> =>
  fc.record({ credentials: arbCredentials, services: arbServices }).map(({ credentials, services }) => ({
    name,
    default: false,
    credentials,
    services: named(name, services),
  }));

export const PROFILE_NAMES = ['Work', 'Home', 'Lab'] as const;

/** 1-3 profiles named Work, Home, Lab in that order; at most one is the default. */
export const arbProfiles: fc.Arbitrary<ProfileInput[]> = fc
  .record({
    profiles: fc.array(fc.record({ credentials: arbCredentials, services: arbServices }), { minLength: 1, maxLength: 3 }),
    defaultIndex: fc.integer({ min: -1, max: 2 }),
  })
  .map(({ profiles, defaultIndex }) =>
    profiles.map((p, i) => ({
      name: PROFILE_NAMES[i]!,
      default: i === defaultIndex,
      credentials: p.credentials,
      services: named(PROFILE_NAMES[i]!, p.services),
    })),
  );

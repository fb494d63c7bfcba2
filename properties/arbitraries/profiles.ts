import fc from 'fast-check';
import { HRESULT_NAMES, type HResultName } from '../../src/constants/hresults.js';
import type { ProfileInput, ProviderInput, ServiceInput } from '../harness/types.js';

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

const arbProvider = (name: string): fc.Arbitrary<ProviderInput> =>
  fc.record({
    name: fc.constant(name),
    kind: fc.constantFrom('addressBook', 'store', 'transport'),
    configured: fc.boolean(),
    storesConfig: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    sessionLimit: fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(0, 1, 2) }),
    outcomes: fc.array(arbOutcome, { minLength: 1, maxLength: 3 }),
  });

const arbService = (name: string): fc.Arbitrary<ServiceInput> =>
  fc
    .integer({ min: 1, max: 4 })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => arbProvider(`${name}.p${i + 1}`))))
    .map((providers) => ({ name, providers }));

/** A profile of 1-4 services × 1-4 providers of mixed kinds (issue 3's generator). */
export const arbProfile = (name: string): fc.Arbitrary<ProfileInput> =>
  fc
    .integer({ min: 1, max: 4 })
    .chain((n) =>
      fc.record({
        name: fc.constant(name),
        default: fc.constant(false),
        credentials: fc.oneof({ weight: 3, arbitrary: fc.constant<'valid'>('valid') }, { weight: 1, arbitrary: fc.constant<'invalid'>('invalid') }),
        services: fc.tuple(...Array.from({ length: n }, (_, i) => arbService(`${name}.s${i + 1}`))),
      }),
    );

export const PROFILE_NAMES = ['Work', 'Home', 'Lab'] as const;

/** 1-3 profiles with distinct names; at most one is the default. */
export const arbProfiles: fc.Arbitrary<ProfileInput[]> = fc
  .integer({ min: 1, max: 3 })
  .chain((n) => fc.tuple(fc.tuple(...PROFILE_NAMES.slice(0, n).map(arbProfile)), fc.integer({ min: -1, max: n - 1 })))
  .map(([profiles, def]) => profiles.map((p, i) => ({ ...p, default: i === def })));

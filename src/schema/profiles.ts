import { z } from 'zod';
import { HRESULT_NAMES } from '../constants/hresults.js';
import { quote } from './excerpt.js';
import { CREDENTIALS, PROVIDER_KINDS } from './names.js';

/** An enum whose error names the vocabulary and the bad value. */
export function vocabulary<const T extends readonly [string, ...string[]]>(what: string, values: T) {
  return z.enum(values, {
    error: (issue) =>
      typeof issue.input === 'string'
        ? `unknown ${what} ${JSON.stringify(issue.input)} (expected one of ${values.join(', ')})`
        : `expected a ${what} (one of ${values.join(', ')}), got ${JSON.stringify(issue.input) ?? 'nothing'}`,
  });
}

export const hresultNameSchema = vocabulary('HRESULT name', HRESULT_NAMES as unknown as [string, ...string[]]);

export const providerSchema = z.object({
  name: z.string().min(1),
  kind: vocabulary('provider kind', PROVIDER_KINDS),
  configured: z.boolean().default(true),
  storesConfig: z.boolean().default(true),
  sessionLimit: z.number().int().min(0).nullable().optional(),
  outcomes: z.array(hresultNameSchema).optional(),
  /** v2: the display name of the identity the provider supplies (PR_IDENTITY_*), D-R3. */
  identity: z.string().min(1).nullable().optional(),
  /** v2: the provider sets STATUS_PRIMARY_IDENTITY on its status row (T-R4, D-R3). */
  primaryIdentity: z.boolean().default(false),
});

export const serviceSchema = z.object({
  name: z.string().min(1),
  providers: z.array(providerSchema),
});

export const profileSchema = z.object({
  name: z.string().min(1),
  default: z.boolean().default(false),
  credentials: vocabulary('credentials value', CREDENTIALS).default('valid'),
  services: z.array(serviceSchema),
});

/**
 * V-R6: names that differ only in case, Unicode normalization or surrounding spaces name the same
 * thing ("Work", "work ", "Ｗｏｒｋ", "Straße" and "STRASSE").
 */
export function nameKey(name: string): string {
  return name.normalize('NFKC').trim().toUpperCase().toLowerCase().normalize('NFKC');
}

function checkNames(ctx: z.RefinementCtx, path: PropertyKey[], names: string[], what: string) {
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    const key = nameKey(name);
    const first = seen.get(key);
    if (first !== undefined) {
      const other = names[first] === name ? '' : ` ${quote(names[first]!)}`;
      const message = `duplicate ${what} name ${quote(name)} (the same as${other} at ${what === 'profile' ? 'profiles' : `${what}s`}[${first}])`;
      ctx.addIssue({ code: 'custom', path: [...path, i, 'name'], message });
    } else {
      seen.set(key, i);
    }
  });
}

/** The profile list: unique names, at most one default (V-R5). */
export const profilesSchema = z.array(profileSchema).superRefine((profiles, ctx) => {
  const defaults = profiles.flatMap((p, i) => (p.default ? [i] : []));
  if (defaults.length > 1) {
    ctx.addIssue({
      code: 'custom',
      path: [defaults[1]!, 'default'],
      message: `more than one default profile (${defaults.map((i) => JSON.stringify(profiles[i]!.name)).join(', ')})`,
    });
  }
  checkNames(ctx, [], profiles.map((p) => p.name), 'profile');
  profiles.forEach((p, i) => {
    checkNames(ctx, [i, 'services'], p.services.map((s) => s.name), 'service');
    p.services.forEach((s, j) => checkNames(ctx, [i, 'services', j, 'providers'], s.providers.map((x) => x.name), 'provider'));
  });
});

export type ProviderOptions = z.input<typeof providerSchema>;
export type ProfileOptions = z.input<typeof profileSchema>;
export type Profile = z.output<typeof profileSchema>;

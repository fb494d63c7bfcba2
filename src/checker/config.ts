import { z } from 'zod';
import { LOGOFF_FLAGS, LOGON_FLAGS } from '../constants/flags.js';
import { HRESULT_NAMES, type HResultName } from '../constants/hresults.js';
import { formatIssue } from '../schema/formatIssue.js';
import { PASSWORD_ANSWERS, PROVIDER_CONFIG_ANSWERS, RETRY_ANSWERS, SERVICE_CONFIG_ANSWERS } from '../schema/names.js';
import { profilesSchema, vocabulary } from '../schema/profiles.js';

/**
 * The bound of `mapi-logon check` (issue 14): the profiles, the clients and the calls each may
 * make, the answers each provider and dialog may give (every one is a branch), and the depth.
 */
const names = (table: Record<string, number>) => Object.keys(table) as [string, ...string[]];
const hresultName = vocabulary('HRESULT name', HRESULT_NAMES as unknown as [string, ...string[]]);

const callSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('initialize') }),
  z.strictObject({ op: z.literal('uninitialize') }),
  z.strictObject({
    op: z.literal('logon'),
    profileName: z.string().nullable().default(null),
    flags: z.array(vocabulary('logon flag name', names(LOGON_FLAGS))).default([]),
  }),
  z.strictObject({ op: z.literal('logoff'), flags: z.array(vocabulary('logoff flag name', names(LOGOFF_FLAGS))).default([]) }),
  z.strictObject({ op: z.literal('statusTable') }),
  z.strictObject({ op: z.literal('queryIdentity') }),
]);

const dialogAnswersSchema = z.strictObject({
  /** Profile names or "cancel". */
  profilePicker: z.array(z.string()).min(1).default(['cancel']),
  password: z.array(vocabulary('password answer', PASSWORD_ANSWERS)).min(1).default(['valid', 'cancel']),
  serviceConfig: z.array(vocabulary('serviceConfig answer', SERVICE_CONFIG_ANSWERS)).min(1).default(['complete', 'cancel']),
  providerConfig: z.array(vocabulary('providerConfig answer', PROVIDER_CONFIG_ANSWERS)).min(1).default(['complete', 'cancel']),
  retry: z.array(vocabulary('retry answer', RETRY_ANSWERS)).min(1).default(['retry', 'cancel']),
});

export const checkerConfigSchema = z.strictObject({
  $schema: z.string().optional(),
  description: z.string().optional(),
  profiles: profilesSchema,
  /** What every provider may answer at each attempt (a branch each). */
  providerAnswers: z.array(hresultName).min(1).default(['S_OK', 'MAPI_E_NETWORK_ERROR']),
  /** Per provider, "profile/service/provider" → its own answers (instead of providerAnswers). */
  answersFor: z.record(z.string(), z.array(hresultName).min(1)).default({}),
  dialogAnswers: dialogAnswersSchema.default(dialogAnswersSchema.parse({})),
  clients: z
    .array(z.strictObject({ name: z.string().min(1), calls: z.array(callSchema).min(1) }))
    .min(1)
    .refine((cs) => new Set(cs.map((c) => c.name)).size === cs.length, 'client names must differ'),
  /** Calls from the initial state (initialize is usually the first). */
  depth: z.number().int().min(1).max(64),
  /**
   * Choice points branched within one call; past them each answer is the first option. Bounds a
   * dialog answered "accidental-cancel" again and again (B13 no: prompt again), which never ends.
   */
  maxChoicesPerCall: z.number().int().min(1).max(1000).default(16),
  /** Stop once this many distinct states are known (the run then says it was cut short). */
  maxStates: z.number().int().min(1).default(2_000_000),
});

export type CheckerConfig = z.output<typeof checkerConfigSchema>;
export type CheckerConfigInput = z.input<typeof checkerConfigSchema>;
export type CallSpec = CheckerConfig['clients'][number]['calls'][number];

/** The key of a provider in `answersFor`. */
export const answerKey = (profile: string, service: string, provider: string) => `${profile}/${service}/${provider}`;

export function answersOf(config: CheckerConfig, profile: string, service: string, provider: string): readonly HResultName[] {
  return (config.answersFor[answerKey(profile, service, provider)] ?? config.providerAnswers) as HResultName[];
}

/** A clear, short error naming the field (house rule for bad input). */
export class CheckerConfigError extends Error {}

export function parseCheckerConfig(input: unknown): CheckerConfig {
  const parsed = checkerConfigSchema.safeParse(input);
  if (!parsed.success) throw new CheckerConfigError(formatIssue(parsed.error, 'config'));
  const config = parsed.data;
  const known = new Set(config.profiles.map((p) => p.name.toUpperCase()));
  for (const key of Object.keys(config.answersFor)) {
    const [profile, service, provider] = key.split('/');
    const p = config.profiles.find((x) => x.name === profile);
    const ok = p?.services.find((s) => s.name === service)?.providers.some((x) => x.name === provider);
    if (!ok) throw new CheckerConfigError(`config.answersFor: ${JSON.stringify(key)} names no provider (expected "profile/service/provider")`);
  }
  for (const a of config.dialogAnswers.profilePicker) {
    if (a !== 'cancel' && !known.has(a.toUpperCase())) {
      throw new CheckerConfigError(`config.dialogAnswers.profilePicker: ${JSON.stringify(a)} names no profile`);
    }
  }
  return config;
}

/**
 * The default bound: one profile with two services (three and two providers) and a second
 * profile; two clients that share a session, log on with and without MAPI_NO_MAIL and
 * MAPI_FORCE_DOWNLOAD, log off with and without MAPI_LOGOFF_SHARED, and read the status table
 * and the identity. Depth 6: at depth 4 two of the ten planted wrong variants of
 * test/checker.test.ts were found only in the last tenth of the states (564 and 565 of 625), so a
 * variant that needs five or six calls to show would have passed; depth 6 takes a few seconds.
 */
export const DEFAULT_CHECKER_CONFIG: CheckerConfigInput = {
  description: 'mapi-logon check: the default bound',
  profiles: [
    {
      name: 'Work',
      default: true,
      services: [
        {
          name: 'Exchange',
          providers: [
            { name: 'GAL', kind: 'addressBook', identity: 'Exchange GAL' },
            { name: 'Mailbox', kind: 'store', identity: 'Alice', primaryIdentity: true, sessionLimit: 1 },
            { name: 'ExchangeTransport', kind: 'transport' },
          ],
        },
        {
          name: 'Internet',
          providers: [
            { name: 'Pst', kind: 'store', configured: false, identity: 'alice@example.com' },
            { name: 'Smtp', kind: 'transport' },
          ],
        },
      ],
    },
    {
      name: 'Home',
      services: [{ name: 'Pop', providers: [{ name: 'PopStore', kind: 'store' }, { name: 'PopTransport', kind: 'transport' }] }],
    },
  ],
  providerAnswers: ['S_OK'],
  answersFor: {
    'Work/Exchange/GAL': ['S_OK', 'MAPI_E_FAILONEPROVIDER'],
    'Work/Exchange/Mailbox': ['S_OK', 'MAPI_E_NETWORK_ERROR'],
    'Work/Exchange/ExchangeTransport': ['S_OK', 'MAPI_E_NETWORK_ERROR'],
    'Work/Internet/Pst': ['MAPI_W_ERRORS_RETURNED'],
    'Work/Internet/Smtp': ['S_OK', 'MAPI_E_UNCONFIGURED'],
  },
  dialogAnswers: { retry: ['retry', 'cancel'], providerConfig: ['complete'], serviceConfig: ['complete'], password: ['valid'], profilePicker: ['Work'] },
  clients: [
    {
      name: 'outlook',
      calls: [
        { op: 'initialize' },
        { op: 'uninitialize' },
        { op: 'logon', profileName: 'Work', flags: ['MAPI_ALLOW_OTHERS', 'MAPI_NO_MAIL'] },
        { op: 'logon', profileName: 'Work', flags: ['MAPI_LOGON_UI', 'MAPI_FORCE_DOWNLOAD'] },
        { op: 'logoff', flags: [] },
        { op: 'logoff', flags: ['MAPI_LOGOFF_SHARED'] },
        { op: 'statusTable' },
        { op: 'queryIdentity' },
      ],
    },
    {
      name: 'fax',
      calls: [
        { op: 'logon', profileName: 'Work', flags: [] },
        { op: 'logon', profileName: 'Home', flags: ['MAPI_NEW_SESSION', 'MAPI_SERVICE_UI_ALWAYS'] },
        { op: 'logoff', flags: [] },
        { op: 'statusTable' },
      ],
    },
  ],
  depth: 6,
};

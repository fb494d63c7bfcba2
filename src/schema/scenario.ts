import { z } from 'zod';
import { LOGOFF_FLAGS, LOGON_FLAGS } from '../constants/flags.js';
import {
  OPS,
  PASSWORD_ANSWERS,
  PROVIDER_CONFIG_ANSWERS,
  RETRY_ANSWERS,
  SERVICE_CONFIG_ANSWERS,
} from './names.js';
import { profilesSchema, vocabulary } from './profiles.js';

const names = (table: Record<string, number>) => Object.keys(table) as [string, ...string[]];

/** `flags`: a list of names, or one number (SPEC 8). Unknown bits in a number are V-R1's, at run time. */
function flagsSchema(what: string, table: Record<string, number>) {
  return z.union(
    [z.array(vocabulary(what, names(table))), z.number().int().min(0).max(0xffffffff)],
    { error: `expected a list of ${what}s or one number from 0 to 4294967295` },
  );
}

const client = z.string({ error: 'expected the name of the calling client (a string)' }).min(1);

export const answersSchema = z.strictObject(
  {
    profilePicker: z.array(z.string()).optional(),
    password: z.array(vocabulary('password answer', PASSWORD_ANSWERS)).optional(),
    serviceConfig: z.array(vocabulary('serviceConfig answer', SERVICE_CONFIG_ANSWERS)).optional(),
    providerConfig: z.array(vocabulary('providerConfig answer', PROVIDER_CONFIG_ANSWERS)).optional(),
    retry: z.array(vocabulary('retry answer', RETRY_ANSWERS)).optional(),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown dialog kind ${issue.keys.map((k) => JSON.stringify(k)).join(', ')} (expected profilePicker, password, serviceConfig, providerConfig, retry)` : undefined) },
);

export const logonCallSchema = z.object({
  op: z.literal('logon'),
  client,
  profileName: z.string().nullable().default(null),
  password: z.string().nullable().default(null),
  flags: flagsSchema('logon flag name', LOGON_FLAGS).default([]),
  answers: answersSchema.default({}),
});

export const callSchema = z.discriminatedUnion(
  'op',
  [
    z.object({ op: z.literal('initialize') }),
    z.object({ op: z.literal('uninitialize') }),
    logonCallSchema,
    z.object({ op: z.literal('logoff'), client, flags: flagsSchema('logoff flag name', LOGOFF_FLAGS).default([]) }),
    z.object({ op: z.literal('statusTable'), client }),
    z.object({ op: z.literal('queryIdentity'), client }),
  ],
  {
    error: (issue) =>
      `unknown op ${JSON.stringify((issue.input as { op?: unknown } | undefined)?.op) ?? '(missing)'} (expected one of ${OPS.join(', ')})`,
  },
);

/** A scenario (SPEC section 8): the profiles, then the calls the simulator runs in order. */
export const scenarioSchema = z
  .object({
    $schema: z.string().optional(),
    description: z.string().optional(),
    profiles: profilesSchema,
    calls: z.array(callSchema),
  })
  .superRefine((scenario, ctx) => {
    // V-R5: the picker can only pick an existing profile (A-R3), named in any case (A-R2).
    const known = new Set(scenario.profiles.map((p) => p.name.toUpperCase()));
    scenario.calls.forEach((call, i) => {
      if (call.op !== 'logon') return;
      (call.answers.profilePicker ?? []).forEach((answer, j) => {
        if (answer !== 'cancel' && !known.has(answer.toUpperCase())) {
          ctx.addIssue({
            code: 'custom',
            path: ['calls', i, 'answers', 'profilePicker', j],
            message: `profilePicker answer ${JSON.stringify(answer)} names no profile (expected a profile name or "cancel")`,
          });
        }
      });
    });
  });

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type ScenarioCall = Scenario['calls'][number];
export type LogonCall = z.output<typeof logonCallSchema>;

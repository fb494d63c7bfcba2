import type { DialogKind, ProviderPhase, ProviderState, SpoolerState } from '../../machines/types.js';
import {
  CREDENTIALS,
  OPS,
  PASSWORD_ANSWERS,
  PROVIDER_CONFIG_ANSWERS,
  PROVIDER_KINDS,
  RETRY_ANSWERS,
  SERVICE_CONFIG_ANSWERS,
} from '../schema/names.js';

const DIALOG_KINDS = ['profilePicker', 'password', 'serviceConfig', 'providerConfig', 'retry'] as const satisfies readonly DialogKind[];
const PROVIDER_STATES = ['loggedOn', 'skipped', 'disabled', 'notStarted'] as const satisfies readonly ProviderState[];
const PHASES = ['logon', 'spooler'] as const satisfies readonly ProviderPhase[];
const SPOOLER = ['told', 'notTold'] as const satisfies readonly SpoolerState[];

/**
 * Every word a model field may hold (a kind, a state, an answer…): the closed vocabularies of the
 * scenario format and of the machines. A string outside it never reaches an inspector in a word field.
 */
export const MODEL_WORDS: ReadonlySet<string> = new Set<string>([
  ...PROVIDER_KINDS,
  ...DIALOG_KINDS,
  ...CREDENTIALS,
  'noProfile',
  ...PASSWORD_ANSWERS,
  ...SERVICE_CONFIG_ANSWERS,
  ...PROVIDER_CONFIG_ANSWERS,
  ...RETRY_ANSWERS,
  ...OPS,
  ...PROVIDER_STATES,
  'enabled',
  ...PHASES,
  ...SPOOLER,
  'joinShared',
  'newSession',
  // A service's steps (C-R1, C-R2) and the session's schedule entries (A-R5).
  'configure',
  'start',
  'finish',
  // Why a provider logs off (D4, C-R6); status-table row kinds (T-R1).
  'logoff',
  'subsystem',
  'integratedAddressBook',
  // Actor snapshot statuses.
  'active',
  'done',
  'error',
  'stopped',
]);

/** What a field's scalar value may be. Arrays hold values of the same kinds, element by element. */
export type ValueKind = 'name' | 'id' | 'word' | 'hr' | 'node' | 'number' | 'boolean' | 'object';

const k = (...kinds: ValueKind[]): ReadonlySet<ValueKind> => new Set(kinds);
const NAME = k('name');
const NAME_OR_OBJECT = k('name', 'object');
const WORD = k('word');
const NUMBER = k('number');
const BOOLEAN = k('boolean');
const OBJECT = k('object');

/**
 * The allowlist: the fields an inspector may see, by name, each with the kinds of value it may
 * hold. A field not listed here is dropped, whatever it holds; a listed field whose value is not
 * of its kinds is dropped too. Written per field name and value type (not per machine) so a new
 * field of one of these shapes passes in any machine.
 */
const FIELDS: Record<string, ReadonlySet<ValueKind>> = {
  // Names of profiles, services, providers, clients, sessions and identities (app-chosen, bounded).
  name: NAME,
  profileName: NAME,
  defaultProfile: NAME,
  display: NAME,
  notified: NAME,
  loggedOff: NAME,
  id: k('id'),
  sessionId: k('id'),
  actorId: k('id'),
  profile: NAME_OR_OBJECT,
  // A name, a service definition, or a service's index in a schedule step.
  service: k('name', 'object', 'number'),
  provider: NAME_OR_OBJECT,
  client: NAME_OR_OBJECT,
  clients: NAME_OR_OBJECT,
  session: k('id', 'object'),
  identity: NAME_OR_OBJECT,
  creator: OBJECT,
  // Words of the closed vocabularies.
  kind: WORD,
  state: WORD,
  phase: WORD,
  result: WORD,
  credentialCheck: WORD,
  check: WORD,
  answer: WORD,
  spooler: WORD,
  reason: WORD,
  status: WORD,
  dialogs: WORD,
  type: WORD,
  step: k('word', 'number'),
  // Flowchart node ids.
  node: k('node'),
  path: k('node'),
  paths: k('node'),
  visited: k('node'),
  // Counts, indexes and flag words.
  flags: NUMBER,
  logonFlags: NUMBER,
  noDialogFlag: NUMBER,
  context: k('number', 'object'),
  attempt: NUMBER,
  attempts: NUMBER,
  failures: NUMBER,
  index: NUMBER,
  cursor: NUMBER,
  current: NUMBER,
  started: NUMBER,
  queue: NUMBER,
  count: NUMBER,
  initCount: NUMBER,
  sessionLimit: NUMBER,
  hrValue: NUMBER,
  statusCode: NUMBER,
  // Yes/no facts of the model.
  uiAllowed: BOOLEAN,
  ready: BOOLEAN,
  configured: BOOLEAN,
  storesConfig: BOOLEAN,
  primaryIdentity: BOOLEAN,
  shared: BOOLEAN,
  called: BOOLEAN,
  ended: BOOLEAN,
  everyService: BOOLEAN,
  default: BOOLEAN,
  // Containers of the above (their own fields go through this same table).
  profiles: OBJECT,
  services: OBJECT,
  providers: OBJECT,
  schedule: OBJECT,
  record: OBJECT,
  report: OBJECT,
  sharedSession: OBJECT,
  start: OBJECT,
  endedSessions: OBJECT,
  rows: OBJECT,
  input: OBJECT,
};

const HR = k('hr');

/** The kinds a field may hold, or undefined: the field is dropped. `hr`, `…Hr`, `hrs`, `…Hrs` are HRESULT names. */
export function fieldKinds(field: string): ReadonlySet<ValueKind> | undefined {
  if (Object.hasOwn(FIELDS, field)) return FIELDS[field];
  if (/^(hr|hrs|[a-z][A-Za-z]*Hrs?)$/.test(field)) return HR;
  if (/^[a-z][A-Za-z]*(Count|Ms)$/.test(field)) return NUMBER;
  return undefined;
}

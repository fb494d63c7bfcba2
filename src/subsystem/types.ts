import type { InspectionEvent, Observer } from 'xstate';
import type {
  DialogKind,
  PasswordInput,
  ProfilePickerInput,
  ProviderKind,
  ProviderLogoffInput,
  ProviderPhase,
  ProviderConfigInput,
  RetryInput,
  ServiceConfigInput,
  ServiceRecord,
  SpoolerState,
} from '../../machines/types.js';
import type { SessionIdentity } from '../../machines/session.js';
import type { HResultName } from '../constants/hresults.js';
import type { FlagsInput } from '../constants/parseFlags.js';
import type {
  PASSWORD_ANSWERS,
  PROVIDER_CONFIG_ANSWERS,
  RETRY_ANSWERS,
  SERVICE_CONFIG_ANSWERS,
} from '../schema/names.js';
import type { Profile, ProfileOptions } from '../schema/profiles.js';
import type { StatusRow } from './statusTable.js';

export type Awaitable<T> = T | PromiseLike<T>;

/** Handed to every provider and dialog callback: aborted on its timeout and on the last uninitialize (C-R10, S-R1). */
export interface CallOptions {
  signal: AbortSignal;
}

/** What an app's provider sees of one logon attempt (after flowchart B has passed). */
export interface ProviderLogonContext {
  /** The live session whose spooler calls the provider (D2); null inside MAPILogonEx. */
  session: string | null;
  phase: ProviderPhase;
  profile: string;
  service: string;
  provider: string;
  kind: ProviderKind;
  attempt: number;
  uiAllowed: boolean;
  /** AB_NO_DIALOG, MDB_NO_DIALOG or LOGON_NO_DIALOG when UI is not allowed, else 0. */
  noDialogFlag: number;
  logonFlags: number;
}

/** An answer of the spec's vocabulary; `string & {}` accepts a function whose return type widened. */
type Answer<T extends readonly string[]> = Awaitable<T[number] | (string & {})>;

/** The app's dialogs. A missing one, one that throws, times out or answers nonsense means cancel. */
export interface MapiDialogs {
  /** A profile name, or null / 'cancel'. */
  profilePicker?(input: ProfilePickerInput, options: CallOptions): Awaitable<string | null>;
  password?(input: PasswordInput, options: CallOptions): Answer<typeof PASSWORD_ANSWERS>;
  serviceConfig?(input: ServiceConfigInput, options: CallOptions): Answer<typeof SERVICE_CONFIG_ANSWERS>;
  providerConfig?(input: ProviderConfigInput, options: CallOptions): Answer<typeof PROVIDER_CONFIG_ANSWERS>;
  retry?(input: RetryInput, options: CallOptions): Answer<typeof RETRY_ANSWERS>;
}

export interface MapiSubsystemOptions {
  profiles: ProfileOptions[];
  /**
   * The provider's own answer: an HRESULT name or value (an integer 0…0xFFFFFFFF). Anything else,
   * a throw, a rejection or no answer within `providerTimeoutMs` is MAPI_E_CALL_FAILED (C-R10).
   */
  providerLogon?(ctx: ProviderLogonContext, options: CallOptions): Awaitable<HResultName | number | (string & {})>;
  /** D-R4, C-R6: a provider logs off. Its failure is recorded, never fails the logoff. */
  providerLogoff?(ctx: ProviderLogoffInput): unknown;
  dialogs?: MapiDialogs;
  /** M-R2: how long a MAPI_TIMEOUT_SHORT logon waits for the mutex (default 5,000 ms). */
  shortTimeoutMs?: number;
  /** C-R10: how long a provider may take to answer (default 30,000 ms). */
  providerTimeoutMs?: number;
  /** C-R10: how long a dialog may stay open before it counts as cancelled (default 300,000 ms). */
  dialogTimeoutMs?: number;
  /** An XState inspector: it sees what the allowlist of src/inspection lets through, nothing else. */
  inspect?: Observer<InspectionEvent> | ((event: InspectionEvent) => void);
  /**
   * What runs the machines: `xstate` (the default) or `compiled`, the opt-in batch engine
   * (no inspector; both give the same run).
   */
  interpreter?: 'compiled' | 'xstate';
}

export interface HResultReply {
  hr: HResultName;
  hrValue: number;
}

export interface InitReply extends HResultReply {
  /** S-R1: the reference count after the call. */
  initCount: number;
}

export interface EndedSession {
  session: string;
  loggedOff: string[];
}

export interface UninitReply extends InitReply {
  /** S-R1: the sessions the last uninitialize ended, in creation order. */
  endedSessions: EndedSession[];
}

export interface DialogShown {
  kind: DialogKind;
  answer: string;
}

/** D2, when a logon or a join told the spooler: what its start did once it is over. */
export interface SpoolerStartReport {
  /** Every service after a new session's start; the services whose transports it called after a join. */
  services: ServiceRecord[];
  dialogLog: DialogShown[];
}

export interface LogonResult extends HResultReply {
  session: MapiSession | null;
  /** The logon joined or made the shared session. */
  shared: boolean;
  profile: string | null;
  path: string[];
  dialogs: DialogKind[];
  /** The dialogs with the answers they got. */
  dialogLog: DialogShown[];
  /** The services as MAPILogonEx left them (a join: none). */
  services: ServiceRecord[];
  /** C-R3, A-R9: the session's spooler after this call; null when the logon failed. */
  spooler: SpoolerState | null;
  /** D-R1: the spooler's start this call set off, settled when it is over; null when none. */
  spoolerStart: Promise<SpoolerStartReport> | null;
}

export interface LogoffReply extends HResultReply {
  /** The session ended (it was individual, its last client left, or MAPI_LOGOFF_SHARED). */
  ended: boolean;
  /** D-R4: the providers in the order they logged off. */
  loggedOff: string[];
  /** S-R2: the other clients told to log off, in the order they joined. */
  notified: string[];
  /** D-R4: providers whose logoff callback threw or rejected (the logoff went on). */
  logoffErrors: string[];
}

export interface StatusTableReply extends HResultReply {
  rows: StatusRow[];
}

export interface IdentityReply extends HResultReply {
  /** D-R3: null with MAPI_W_NO_SERVICE. */
  identity: SessionIdentity | null;
}

export interface MapiSession {
  readonly id: string;
  readonly shared: boolean;
  readonly profile: string;
  readonly client: string;
  logoff(flags?: FlagsInput): Promise<LogoffReply>;
  statusTable(): Promise<StatusTableReply>;
  queryIdentity(): Promise<IdentityReply>;
}

export interface LogonParams {
  profileName?: string | null;
  /** Must be NULL (V-R4): the profile's stored credentials are used. */
  password?: string | null;
  flags?: FlagsInput;
  /** The caller; a client holds at most one session (S-R4). Omitted: a fresh anonymous client. */
  client?: string;
}

/** A live session as plain data. */
export interface LiveSessionState {
  id: string;
  profile: string;
  shared: boolean;
  clients: string[];
  spooler: SpoolerState;
  services: ServiceRecord[];
}

/** Everything the subsystem owns, as plain data (a copy: changing it changes nothing). */
export interface MapiSubsystemState {
  initCount: number;
  initialized: boolean;
  /** A logon holds the mutex (M-R1). */
  logonRunning: boolean;
  logonsWaiting: number;
  profiles: Profile[];
  /** Live sessions only, in creation order (D-R5). */
  sessions: LiveSessionState[];
  shared: string | null;
  /** Which client holds which live session (S-R4). */
  holdings: Array<[string, string]>;
  nextSession: number;
}

export interface MapiSubsystem {
  /** What runs the machines. */
  readonly interpreter: 'xstate' | 'compiled';
  /** Why `compiled` was asked for but xstate's interpreter runs (an unverified xstate version), else null. */
  readonly interpreterFallback: string | null;
  initialize(): Promise<InitReply>;
  uninitialize(): Promise<UninitReply>;
  logonEx(params: LogonParams): Promise<LogonResult>;
  state(): MapiSubsystemState;
}

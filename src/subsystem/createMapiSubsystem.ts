import { runCompiled } from '../compiled/leanActor.js';
import { createActor, toPromise, type InspectionEvent, type Observer } from 'xstate';
import type {
  DialogKind,
  PasswordInput,
  ProfilePickerInput,
  ProviderCallInput,
  ProviderConfigInput,
  ProviderKind,
  RetryInput,
  ServiceConfigInput,
  ServiceRecord,
} from '../../machines/types.js';
import type { SessionLogonOutput } from '../../machines/sessionLogon.js';
import { LOGOFF_FLAGS, LOGON_FLAGS, MAPI_ALLOW_OTHERS, MAPI_LOGOFF_SHARED, MAPI_TIMEOUT_SHORT } from '../constants/flags.js';
import { HRESULTS, hresult, type HResultName } from '../constants/hresults.js';
import { parseFlags, unknownBits, type FlagsInput } from '../constants/parseFlags.js';
import {
  PASSWORD_ANSWERS,
  PROVIDER_CONFIG_ANSWERS,
  RETRY_ANSWERS,
  SERVICE_CONFIG_ANSWERS,
} from '../schema/names.js';
import { formatIssue } from '../schema/formatIssue.js';
import { profilesSchema, type Profile, type ProfileOptions } from '../schema/profiles.js';
import { LogonMutex } from './logonMutex.js';
import { ProfileStore, providerKey } from './profileStore.js';
import { provideMachines } from './provideMachines.js';
import { isThenable } from './fromEffect.js';
import { SessionTable, type SessionEntry, type SessionTableSnapshot } from './sessionTable.js';
import { statusTable, type StatusRow } from './statusTable.js';
import { validateLogon } from './validateLogon.js';
import { sanitizeInspection } from './sanitizeInspection.js';

type Awaitable<T> = T | PromiseLike<T>;


/** What an app's provider sees of one logon attempt (after flowchart B has passed). */
export interface ProviderLogonContext {
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

/** An answer of SPEC's vocabulary; `string & {}` accepts a function whose return type widened. */
type Answer<T extends readonly string[]> = Awaitable<T[number] | (string & {})>;

/** The app's dialogs. A missing one, one that throws, or one that answers nonsense means cancel. */
export interface MapiDialogs {
  /** A profile name, or null / 'cancel'. */
  profilePicker?(input: ProfilePickerInput): Awaitable<string | null>;
  password?(input: PasswordInput): Answer<typeof PASSWORD_ANSWERS>;
  serviceConfig?(input: ServiceConfigInput): Answer<typeof SERVICE_CONFIG_ANSWERS>;
  providerConfig?(input: ProviderConfigInput): Answer<typeof PROVIDER_CONFIG_ANSWERS>;
  retry?(input: RetryInput): Answer<typeof RETRY_ANSWERS>;
}

export interface MapiSubsystemOptions {
  profiles: ProfileOptions[];
  /**
   * The provider's own answer: an HRESULT name or value. Anything else (and a throw or a rejection)
   * is MAPI_E_CALL_FAILED (C-R10); `string & {}` keeps names autocompleted while an async function
   * whose return type widened to `string` is still accepted.
   */
  providerLogon?(ctx: ProviderLogonContext): Awaitable<HResultName | number | (string & {})>;
  dialogs?: MapiDialogs;
  /** M-R2: how long a MAPI_TIMEOUT_SHORT logon waits for the mutex. */
  shortTimeoutMs?: number;
  /** An XState inspector, given to every actor of every logon (logons then run on xstate). */
  inspect?: Observer<InspectionEvent> | ((event: InspectionEvent) => void);
  /**
   * What runs the machines: `compiled` (the default without an inspector) steps through the
   * machines' own graph, guards and actions with the compiled interpreter, ~10× faster; `xstate`
   * (the default with `inspect`) runs them as xstate actors. Both give the same run.
   */
  interpreter?: 'compiled' | 'xstate';
}

export interface HResultReply {
  hr: HResultName;
  hrValue: number;
}

export interface DialogShown {
  kind: DialogKind;
  answer: string;
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
  services: ServiceRecord[];
}

export interface LogoffReply extends HResultReply {
  /** The session ended (it was individual, its last client left, or MAPI_LOGOFF_SHARED). */
  ended: boolean;
}

export interface StatusTableReply extends HResultReply {
  rows: StatusRow[];
}

export interface MapiSession {
  readonly id: string;
  readonly shared: boolean;
  readonly profile: string;
  readonly client: string;
  logoff(flags?: FlagsInput): Promise<LogoffReply>;
  statusTable(): Promise<StatusTableReply>;
}

export interface LogonParams {
  profileName?: string | null;
  /** Must be NULL (V-R4): the profile's stored credentials are used. */
  password?: string | null;
  flags?: FlagsInput;
  /** The caller; a client holds at most one session (S-R4). Omitted: a fresh anonymous client. */
  client?: string;
}

/** Everything the subsystem owns, as plain data (for tests: bad input must not change it). */
export interface MapiSubsystemState {
  initialized: boolean;
  profiles: Profile[];
  sessions: SessionTableSnapshot;
}

export interface MapiSubsystem {
  initialize(): Promise<HResultReply>;
  uninitialize(): Promise<HResultReply>;
  logonEx(params: LogonParams): Promise<LogonResult>;
  state(): MapiSubsystemState;
}

type LogonRun = Pick<LogonResult, 'path' | 'profile' | 'dialogs' | 'dialogLog'>;

// Fields spelled out: on Node 20 an object spread followed by more fields costs ~0.5 µs.
const logonResult = (hr: HResultName, run: LogonRun | undefined, session: Pick<LogonResult, 'session' | 'shared' | 'services'>): LogonResult => ({
  hr,
  hrValue: HRESULTS[hr],
  session: session.session,
  shared: session.shared,
  profile: run ? run.profile : null,
  path: run ? run.path : [],
  dialogs: run ? run.dialogs : [],
  dialogLog: run ? run.dialogLog : [],
  services: session.services,
});

const failedLogon = (hr: HResultName, run?: LogonRun): LogonResult => logonResult(hr, run, { session: null, shared: false, services: [] });

function oneOf<T extends string>(allowed: readonly T[], answer: unknown, fallback: T): T {
  return typeof answer === 'string' && (allowed as readonly string[]).includes(answer) ? (answer as T) : fallback;
}

/**
 * The MAPI subsystem: MAPIInitialize/MAPIUninitialize, MAPILogonEx and the sessions it returns.
 * It is the single owner of the profiles, the sessions, the shared session, the provider
 * session counts and the logon mutex; the behaviour of a logon is the machines'.
 */
export function createMapiSubsystem(options: MapiSubsystemOptions): MapiSubsystem {
  const parsed = profilesSchema.safeParse(options.profiles);
  if (!parsed.success) throw new TypeError(`createMapiSubsystem: ${formatIssue(parsed.error, 'profiles')}`);
  const shortTimeoutMs = options.shortTimeoutMs ?? 5000;
  if (!(Number.isFinite(shortTimeoutMs) && shortTimeoutMs >= 0)) {
    throw new TypeError(`createMapiSubsystem: shortTimeoutMs must be a number of milliseconds >= 0, got ${shortTimeoutMs}`);
  }

  const profiles = new ProfileStore(parsed.data);
  const sessions = new SessionTable();
  const mutex = new LogonMutex();
  const dialogs = options.dialogs ?? {};
  const inspect = options.inspect ? sanitizeInspection(options.inspect) : undefined;
  const interpreter = options.interpreter ?? (inspect ? 'xstate' : 'compiled');
  if (interpreter !== 'xstate' && interpreter !== 'compiled') {
    throw new TypeError(`createMapiSubsystem: interpreter must be 'compiled' or 'xstate', got ${JSON.stringify(interpreter)}`);
  }
  if (inspect && interpreter === 'compiled') {
    throw new TypeError("createMapiSubsystem: an inspector sees xstate actors only; leave interpreter unset or 'xstate' with inspect");
  }
  let initialized = false;
  let epoch = 0;
  let anonymous = 0;
  // The dialogs of the logon that holds the mutex (M-R1 makes it the only one).
  let shown: DialogShown[] = [];

  /** Answers at once when the app's dialog does, so a scripted logon never waits on a microtask. */
  function ask<T>(kind: DialogKind, run: () => Awaitable<unknown>, normalize: (answer: unknown) => T, shownAs: (answer: T) => string = String): Awaitable<T> {
    const record = (answer: unknown) => {
      const a = normalize(answer);
      shown.push({ kind, answer: shownAs(a) });
      return a;
    };
    const fail = (error: unknown): never => {
      shown.push({ kind, answer: 'cancel' });
      throw error;
    };
    let answer: Awaitable<unknown>;
    try {
      answer = run();
    } catch (error) {
      return fail(error);
    }
    return isThenable(answer) ? Promise.resolve(answer).then(record, fail) : record(answer);
  }
  const vocabulary = <T extends string>(allowed: readonly T[]) => (answer: unknown) => oneOf(allowed, answer, 'cancel' as T);

  const machine = provideMachines({
    profilePicker: (input) =>
      ask(
        'profilePicker',
        () => dialogs.profilePicker?.(input) ?? null,
        (answer) => (typeof answer === 'string' && answer !== 'cancel' ? answer : null),
        (picked) => picked ?? 'cancel',
      ),
    password: (input) => ask('password', () => dialogs.password?.(input), vocabulary(PASSWORD_ANSWERS)),
    serviceConfig: (input) => ask('serviceConfig', () => dialogs.serviceConfig?.(input), vocabulary(SERVICE_CONFIG_ANSWERS)),
    providerConfig: (input) => ask('providerConfig', () => dialogs.providerConfig?.(input), vocabulary(PROVIDER_CONFIG_ANSWERS)),
    retry: (input) => ask('retry', () => dialogs.retry?.(input), vocabulary(RETRY_ANSWERS)),
    validateCredentials: ({ profile }) => profiles.checkCredentials(profile),
    logon: (input: ProviderCallInput) => {
      // C-R9: checked once B has passed, before the provider's own answer.
      const limit = profiles.sessionLimit(input.profile, input.service, input.provider.name);
      const key = providerKey(input.profile, input.service, input.provider.name);
      if (limit !== null && sessions.sessionsHolding(key) >= limit) return 'MAPI_E_SESSION_LIMIT';
      if (!options.providerLogon) return 'S_OK';
      return options.providerLogon({
        profile: input.profile,
        service: input.service,
        provider: input.provider.name,
        kind: input.provider.kind,
        attempt: input.attempt,
        uiAllowed: input.uiAllowed,
        noDialogFlag: input.noDialogFlag,
        logonFlags: input.logonFlags,
      });
    },
  });

  function handle(entry: SessionEntry, client: string, token: number): MapiSession {
    return {
      id: entry.id,
      get shared() {
        return entry.shared;
      },
      profile: entry.profile,
      client,
      async logoff(flagsInput) {
        let flags: number;
        try {
          flags = parseFlags(flagsInput, LOGOFF_FLAGS);
        } catch {
          return { ...hresult('MAPI_E_UNKNOWN_FLAGS'), ended: false };
        }
        const live = sessions.resolve(client, token);
        if (!live) return { ...hresult('MAPI_E_INVALID_OBJECT'), ended: false };
        if (unknownBits(flags, LOGOFF_FLAGS) !== 0) return { ...hresult('MAPI_E_UNKNOWN_FLAGS'), ended: false };
        const ended = sessions.logoff(client, live, (flags & MAPI_LOGOFF_SHARED) !== 0);
        return { ...hresult('S_OK'), ended };
      },
      async statusTable() {
        const live = sessions.resolve(client, token);
        if (!live) return { ...hresult('MAPI_E_INVALID_OBJECT'), rows: [] };
        return { ...hresult('S_OK'), rows: statusTable(live) };
      },
    };
  }

  async function runMachine(flags: number, profileName: string | null): Promise<SessionLogonOutput> {
    const shared = sessions.sharedSession;
    const input = {
      flags,
      profileName,
      sharedSession: shared ? { id: shared.id, profile: shared.profile } : null,
      defaultProfile: profiles.defaultProfile,
      profiles: profiles.definitions(),
    };
    if (interpreter === 'compiled') return runCompiled<SessionLogonOutput>(machine, input);
    const actor = createActor(machine, { input, ...(inspect ? { inspect } : {}) });
    actor.start();
    // With effects that answer at once the logon is already over.
    const snapshot = actor.getSnapshot();
    return snapshot.status === 'done' ? snapshot.output : toPromise(actor);
  }

  async function logonEx(params: LogonParams): Promise<LogonResult> {
    let flags: number;
    try {
      flags = parseFlags(params.flags, LOGON_FLAGS);
    } catch (error) {
      return failedLogon(error instanceof RangeError ? 'MAPI_E_INVALID_PARAMETER' : 'MAPI_E_UNKNOWN_FLAGS');
    }
    const client = params.client ?? `#anonymous-${++anonymous}`;
    const profileName = params.profileName ?? null;
    const check = () =>
      validateLogon({
        initialized,
        flags,
        profileName,
        password: params.password ?? null,
        clientHoldsSession: sessions.holdsLive(client),
      });
    const early = check();
    if (early) return failedLogon(early);

    const acquired = await mutex.acquire((flags & MAPI_TIMEOUT_SHORT) !== 0 ? shortTimeoutMs : undefined);
    if (!acquired) return failedLogon('MAPI_E_TIMEOUT');
    try {
      // The world may have changed while we waited (uninitialize, a logon by the same client).
      const late = check();
      if (late) return failedLogon(late);
      shown = [];
      const startedIn = epoch;
      const out = await runMachine(flags, profileName);
      const dialogLog = shown;
      const common = {
        path: out.path,
        profile: out.profile,
        dialogs: dialogLog.map((d) => d.kind),
        dialogLog,
      };
      if (epoch !== startedIn) return failedLogon('MAPI_E_NOT_INITIALIZED', common);
      if (out.result === 'joinShared') {
        const shared = sessions.sharedSession;
        if (!shared) return failedLogon('MAPI_E_LOGON_FAILED', common);
        const { entry, token } = sessions.join(client, shared.id);
        return logonResult('S_OK', common, { session: handle(entry, client, token), shared: true, services: [] });
      }
      if (out.result === 'newSession') {
        profiles.keepConfiguration(out.profile!, out.services);
        const wantsShared = (flags & MAPI_ALLOW_OTHERS) !== 0;
        const { entry, token } = sessions.create(client, out.profile!, flags, wantsShared, out.services);
        return logonResult(out.hr, common, { session: handle(entry, client, token), shared: entry.shared, services: out.services });
      }
      return failedLogon(out.hr, common);
    } finally {
      shown = [];
      mutex.release();
    }
  }

  return {
    async initialize() {
      initialized = true;
      return hresult('S_OK');
    },
    async uninitialize() {
      if (initialized) {
        sessions.endAll();
        epoch++;
      }
      initialized = false;
      return hresult('S_OK');
    },
    logonEx,
    state: () => ({ initialized, profiles: profiles.snapshot(), sessions: sessions.snapshot() }),
  };
}

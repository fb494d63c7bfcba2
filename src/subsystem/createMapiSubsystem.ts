import type { DialogKind, ProviderCallInput, ProviderLogoffInput, ServiceRecord } from '../../machines/types.js';
import type { SessionContext, SessionInput, SessionOutput } from '../../machines/session.js';
import type { SessionLogonContext, SessionLogonInput, SessionLogonOutput } from '../../machines/sessionLogon.js';
import { LOGOFF_FLAGS, LOGON_FLAGS, MAPI_ALLOW_OTHERS, MAPI_LOGOFF_SHARED, MAPI_TIMEOUT_SHORT } from '../constants/flags.js';
import { HRESULTS, hresult, isFailure, toHResultName, type HResultName } from '../constants/hresults.js';
import { logoffOrder } from '../../machines/messageService.js';
import { parseFlags, unknownBits, type FlagsInput } from '../constants/parseFlags.js';
import { PASSWORD_ANSWERS, PROVIDER_CONFIG_ANSWERS, RETRY_ANSWERS, SERVICE_CONFIG_ANSWERS } from '../schema/names.js';
import { formatIssue } from '../schema/formatIssue.js';
import { profilesSchema } from '../schema/profiles.js';
import { compiledEngineAvailable } from '../compiled/adapter.js';
import { Ending, callbackOwner, guardedCall } from './callbacks.js';
import { isThenable } from './fromEffect.js';
import { LogonMutex } from './logonMutex.js';
import { startMachine, type MachineRun } from './machineRun.js';
import { ProfileStore } from './profileStore.js';
import { provideMachines } from './provideMachines.js';
import { sanitizeInspection } from './sanitizeInspection.js';
import { RESTORE, SAVE, type Restorable, type SavedSubsystem } from './savedState.js';
import { SessionTable, type LiveSession } from './sessionTable.js';
import { statusTable } from './statusTable.js';
import type {
  Awaitable,
  CallOptions,
  DialogShown,
  IdentityReply,
  LogoffReply,
  LogonParams,
  LogonResult,
  MapiSession,
  MapiSubsystem,
  MapiSubsystemOptions,
  ProviderLogonContext,
  SpoolerStartReport,
  StatusTableReply,
} from './types.js';
import { validateLogon } from './validateLogon.js';

export type * from './types.js';

/** Documented defaults (README, "Faults"). */
export const DEFAULT_SHORT_TIMEOUT_MS = 5_000;
export const DEFAULT_PROVIDER_TIMEOUT_MS = 30_000;
export const DEFAULT_DIALOG_TIMEOUT_MS = 300_000;

type LogonRun = Pick<LogonResult, 'path' | 'profile' | 'dialogs' | 'dialogLog'>;

/** A caller's own copy of service records (plain data, written out: structuredClone costs more). */
const copyServices = (services: readonly ServiceRecord[]): ServiceRecord[] =>
  services.map((svc) => ({
    name: svc.name,
    state: svc.state,
    failures: svc.failures,
    path: svc.path.slice(),
    providers: svc.providers.map((p) => ({
      name: p.name,
      kind: p.kind,
      state: p.state,
      hr: p.hr,
      hrs: p.hrs.slice(),
      phase: p.phase,
      attempts: p.attempts,
      paths: p.paths.map((path) => path.slice()),
      configured: p.configured,
    })),
  }));

/** A callback that belongs to no logon or session never ends; one of a session that is gone has ended. */
const NEVER = new Ending();
const GONE = new Ending();
GONE.end();

function logonResult(hr: HResultName, run: LogonRun | undefined, rest?: Pick<LogonResult, 'session' | 'shared' | 'services' | 'spooler' | 'spoolerStart'>): LogonResult {
  return {
    hr,
    hrValue: HRESULTS[hr],
    session: rest ? rest.session : null,
    shared: rest ? rest.shared : false,
    profile: run ? run.profile : null,
    path: run ? run.path.slice() : [],
    dialogs: run ? run.dialogs : [],
    dialogLog: run ? run.dialogLog : [],
    services: rest ? rest.services : [],
    spooler: rest ? rest.spooler : null,
    spoolerStart: rest ? rest.spoolerStart : null,
  };
}

const logoffReply = (hr: HResultName, rest?: Partial<LogoffReply>): LogoffReply => ({
  hr,
  hrValue: HRESULTS[hr],
  ended: rest?.ended ?? false,
  loggedOff: rest?.loggedOff ?? [],
  notified: rest?.notified ?? [],
  logoffErrors: rest?.logoffErrors ?? [],
});

/** What an app's provider is told of a logon attempt: the machine's call, names only. */
export function providerLogonContext(input: ProviderCallInput): ProviderLogonContext {
  return {
    session: input.session,
    phase: input.phase,
    profile: input.profile,
    service: input.service,
    provider: input.provider.name,
    kind: input.provider.kind,
    attempt: input.attempt,
    uiAllowed: input.uiAllowed,
    noDialogFlag: input.noDialogFlag,
    logonFlags: input.logonFlags,
  };
}

function oneOf<T extends string>(allowed: readonly T[], answer: unknown, fallback: T): T {
  return typeof answer === 'string' && (allowed as readonly string[]).includes(answer) ? (answer as T) : fallback;
}

function checkMs(name: string, value: number | undefined, fallback: number): number {
  const ms = value ?? fallback;
  if (!(Number.isFinite(ms) && ms >= 0 && ms <= 2_147_483_647)) {
    throw new TypeError(`createMapiSubsystem: ${name} must be a number of milliseconds from 0 to 2147483647, got ${String(value)}`);
  }
  return ms;
}

/** A logon past the mutex (M-R1 makes it the only one). */
interface RunningLogon {
  /** Callbacks of this logon run on its behalf (a logonEx from inside one answers MAPI_E_BUSY). */
  owner: object;
  abort: Ending;
  dialogs: DialogShown[];
  run: MachineRun<SessionLogonContext, SessionLogonOutput> | null;
  /** Providers this logon has logged on and not logged off yet, for S-R1's abandon. */
  loggedOn: Map<string, ProviderLogoffInput>;
}

/**
 * The MAPI subsystem: MAPIInitialize/MAPIUninitialize, MAPILogonEx and the sessions it returns.
 * It is the single owner of the init count, the profiles, the live sessions, the shared session
 * and the logon mutex; the behaviour of a logon and of a session is the machines'.
 */
export function createMapiSubsystem(options: MapiSubsystemOptions): MapiSubsystem {
  const parsed = profilesSchema.safeParse(options.profiles);
  if (!parsed.success) throw new TypeError(`createMapiSubsystem: ${formatIssue(parsed.error, 'profiles')}`);
  const shortTimeoutMs = checkMs('shortTimeoutMs', options.shortTimeoutMs, DEFAULT_SHORT_TIMEOUT_MS);
  const providerTimeoutMs = checkMs('providerTimeoutMs', options.providerTimeoutMs, DEFAULT_PROVIDER_TIMEOUT_MS);
  const dialogTimeoutMs = checkMs('dialogTimeoutMs', options.dialogTimeoutMs, DEFAULT_DIALOG_TIMEOUT_MS);
  const inspect = options.inspect ? sanitizeInspection(options.inspect) : undefined;
  const asked = options.interpreter ?? 'xstate';
  if (asked !== 'xstate' && asked !== 'compiled') {
    throw new TypeError(`createMapiSubsystem: interpreter must be 'xstate' or 'compiled', got ${JSON.stringify(asked)}`);
  }
  if (inspect && asked === 'compiled') {
    throw new TypeError("createMapiSubsystem: an inspector sees xstate actors only; leave interpreter unset or 'xstate' with inspect");
  }
  // The compiled engine refuses an xstate it was not verified with; xstate's interpreter then runs.
  const engine = asked === 'compiled' ? compiledEngineAvailable() : null;
  const interpreter: 'xstate' | 'compiled' = engine && !engine.ok ? 'xstate' : asked;
  const fallback = engine && !engine.ok ? engine.reason : null;

  const profiles = new ProfileStore(parsed.data);
  const sessions = new SessionTable();
  const mutex = new LogonMutex();
  const dialogs = options.dialogs ?? {};
  let initCount = 0;
  let anonymous = 0;
  let running: RunningLogon | null = null;
  /** Providers whose logoff callback failed during the logoff being run. */
  let logoffErrors: string[] = [];

  /** Where a callback belongs: the logon holding the mutex, or the live session whose spooler starts. */
  function scope(session: string | null): { owner: object | null; ending: Ending; dialogs: DialogShown[] | null } {
    if (session === null) {
      return running ? { owner: running.owner, ending: running.abort, dialogs: running.dialogs } : { owner: null, ending: NEVER, dialogs: null };
    }
    const live = sessions.all().find((s) => s.id === session);
    return live ? { owner: live, ending: live.abort, dialogs: live.startDialogs } : { owner: null, ending: GONE, dialogs: null };
  }

  /** A dialog: the app's answer in the spec's vocabulary; a throw, a timeout or nonsense is a cancel. */
  function ask<T>(
    kind: DialogKind,
    session: string | null,
    open: (options: CallOptions) => Awaitable<unknown>,
    normalize: (answer: unknown) => T,
    shownAs: (answer: T) => string = String,
  ): Awaitable<T> {
    const where = scope(session);
    const record = (answer: unknown) => {
      const a = normalize(answer);
      where.dialogs?.push({ kind, answer: shownAs(a) });
      return a;
    };
    const fail = (error: unknown): never => {
      where.dialogs?.push({ kind, answer: 'cancel' });
      throw error;
    };
    let answer: Awaitable<unknown>;
    try {
      answer = guardedCall(where.owner, where.ending, dialogTimeoutMs, open);
    } catch (error) {
      return fail(error);
    }
    return isThenable(answer) ? Promise.resolve(answer).then(record, fail) : record(answer);
  }
  const vocabulary = <T extends string>(allowed: readonly T[]) => (answer: unknown) => oneOf(allowed, answer, 'cancel' as T);

  /** D-R4, C-R6: each provider logs off; a failing callback is recorded and the next goes on. */
  function logoff(providers: ProviderLogoffInput[]): void {
    for (const p of providers) if (p.session === null) running?.loggedOn.delete(`${p.service}\u0000${p.provider}`);
    if (!options.providerLogoff) return;
    for (const p of providers) {
      const failed = () => logoffErrors.push(p.provider);
      try {
        const r = options.providerLogoff({ ...p });
        if (isThenable(r)) Promise.resolve(r).catch(() => undefined);
      } catch {
        failed();
      }
    }
  }

  function providerLogon(input: ProviderCallInput): Awaitable<unknown> {
    // C-R9: checked once B has passed, before the provider's own answer.
    const limit = profiles.sessionLimit(input.profile, input.service, input.provider.name);
    if (limit !== null && sessions.sessionsHolding(input.profile, input.service, input.provider.name, input.session) >= limit) {
      return 'MAPI_E_SESSION_LIMIT';
    }
    const app = options.providerLogon;
    if (!app) return noteLoggedOn(input, 'S_OK');
    const where = scope(input.session);
    const answer = guardedCall(where.owner, where.ending, providerTimeoutMs, (callOptions) =>
      app(providerLogonContext(input), callOptions),
    );
    return isThenable(answer) ? Promise.resolve(answer).then((a) => noteLoggedOn(input, a)) : noteLoggedOn(input, answer);
  }

  /** Inside MAPILogonEx, a provider that answered a success is logged on until something logs it off. */
  function noteLoggedOn<T>(input: ProviderCallInput, answer: T): T {
    const hr = toHResultName(answer);
    if (input.session === null && running && hr !== undefined && !isFailure(hr)) {
      running.loggedOn.set(`${input.service}\u0000${input.provider.name}`, {
        session: null,
        profile: input.profile,
        service: input.service,
        provider: input.provider.name,
        kind: input.provider.kind,
        reason: 'logoff',
      });
    }
    return answer;
  }

  const machines = provideMachines({
    profilePicker: (input) =>
      ask(
        'profilePicker',
        null,
        (o) => dialogs.profilePicker?.({ ...input }, o) ?? null,
        (answer) => (typeof answer === 'string' && answer !== 'cancel' ? answer : null),
        (picked) => picked ?? 'cancel',
      ),
    password: (input) => ask('password', null, (o) => dialogs.password?.({ ...input }, o), vocabulary(PASSWORD_ANSWERS)),
    serviceConfig: (input) => ask('serviceConfig', input.session, (o) => dialogs.serviceConfig?.({ ...input }, o), vocabulary(SERVICE_CONFIG_ANSWERS)),
    providerConfig: (input) => ask('providerConfig', input.session, (o) => dialogs.providerConfig?.({ ...input }, o), vocabulary(PROVIDER_CONFIG_ANSWERS)),
    retry: (input) => ask('retry', input.session, (o) => dialogs.retry?.({ ...input }, o), vocabulary(RETRY_ANSWERS)),
    validateCredentials: ({ profile }) => profiles.checkCredentials(profile),
    logon: providerLogon,
    logoff,
  });

  /** D-R2: a running spooler's start finishes before the session answers. */
  const spoolerIdle = (live: LiveSession) => live.run.until((c) => c.start === null) ?? undefined;

  /** The report of a spooler start this call set off (D-R1), once it is over. */
  function spoolerStart(live: LiveSession, everyService: boolean): Promise<SpoolerStartReport> {
    const report = (): SpoolerStartReport => {
      const c = live.run.context();
      // B-R3, C-R1: what the start's dialogs configured stays in the profile.
      profiles.keepConfiguration(live.profile, c.services);
      const services = everyService ? c.services : c.started.map((i) => c.services[i]!);
      return { services: copyServices(services), dialogLog: live.startDialogs.slice() };
    };
    const idle = spoolerIdle(live);
    if (!idle) return Promise.resolve(report());
    return idle.then(report);
  }

  /** D4, D5: the session's actor has ended; nothing of it is kept (D-R5). */
  function ended(live: LiveSession): SessionOutput {
    const out = live.run.output();
    sessions.remove(live);
    live.abort.end();
    live.run.stop();
    return out;
  }

  function handle(live: LiveSession, client: string, token: number): MapiSession {
    const { id, profile, shared } = live;
    /** S-R1, S-R2: the checks of every session call, in order. */
    const reach = (): LiveSession | HResultName => {
      if (initCount === 0) return 'MAPI_E_NOT_INITIALIZED';
      return sessions.resolve(client, token) ?? 'MAPI_E_INVALID_OBJECT';
    };
    return {
      id,
      shared,
      profile,
      client,
      async logoff(flagsInput?: FlagsInput) {
        let target = reach();
        if (typeof target === 'string') return logoffReply(target);
        let flags: number;
        try {
          flags = parseFlags(flagsInput, LOGOFF_FLAGS);
        } catch {
          return logoffReply('MAPI_E_UNKNOWN_FLAGS');
        }
        if (unknownBits(flags, LOGOFF_FLAGS) !== 0) return logoffReply('MAPI_E_UNKNOWN_FLAGS');
        await spoolerIdle(target);
        target = reach();
        if (typeof target === 'string') return logoffReply(target);
        logoffErrors = [];
        target.run.send({ type: 'LOGOFF', client, flags: flags & MAPI_LOGOFF_SHARED } as never);
        if (!target.run.done()) {
          sessions.leave(client, target);
          return logoffReply('S_OK');
        }
        const out = ended(target);
        return logoffReply('S_OK', { ended: true, loggedOff: out.loggedOff.slice(), notified: out.notified.slice(), logoffErrors });
      },
      async statusTable(): Promise<StatusTableReply> {
        let target = reach();
        if (typeof target !== 'string') {
          await spoolerIdle(target);
          target = reach();
        }
        if (typeof target === 'string') return { ...hresult(target), rows: [] };
        return { ...hresult('S_OK'), rows: statusTable(target.run.context()) };
      },
      async queryIdentity(): Promise<IdentityReply> {
        let target = reach();
        if (typeof target !== 'string') {
          await spoolerIdle(target);
          target = reach();
        }
        if (typeof target === 'string') return { ...hresult(target), identity: null };
        target.run.send({ type: 'QUERY_IDENTITY' });
        const identity = target.run.context().identity;
        return identity ? { ...hresult('S_OK'), identity: { ...identity } } : { ...hresult('MAPI_W_NO_SERVICE'), identity: null };
      },
    };
  }

  /** Runs flowchart A; resolves null when the last uninitialize ended it first (S-R1). */
  function runLogon(logon: RunningLogon, input: SessionLogonInput): Promise<SessionLogonOutput | null> | SessionLogonOutput {
    const run = startMachine<SessionLogonContext, SessionLogonOutput>(machines.logon, input, interpreter, inspect);
    logon.run = run;
    if (run.done()) return run.output();
    return new Promise((resolve) => {
      // Stopped at once: no answer that the abort itself settles may move the logon on.
      const aborted = () => {
        run.stop();
        resolve(null);
      };
      const signal = logon.abort.signal;
      signal.addEventListener('abort', aborted, { once: true });
      run.until(() => false)!.then(() => {
        signal.removeEventListener('abort', aborted);
        resolve(run.done() ? run.output() : null);
      });
    });
  }

  /** A logon the last uninitialize ended: what it had logged on logs off, in D-R4's order (S-R1). */
  function abandon(logon: RunningLogon): void {
    logon.run?.stop();
    logoff(logoffOrder([...logon.loggedOn.values()]));
  }

  async function logonEx(params: LogonParams): Promise<LogonResult> {
    if (initCount === 0) return logonResult('MAPI_E_NOT_INITIALIZED', undefined);
    // A logonEx from a callback of the logon holding the mutex would wait for itself.
    if (running !== null && callbackOwner() === running.owner) return logonResult('MAPI_E_BUSY', undefined);
    let flags: number;
    try {
      flags = parseFlags(params.flags, LOGON_FLAGS);
    } catch (error) {
      return logonResult(error instanceof RangeError ? 'MAPI_E_INVALID_PARAMETER' : 'MAPI_E_UNKNOWN_FLAGS', undefined);
    }
    const client = params.client ?? `#anonymous-${++anonymous}`;
    const profileName = params.profileName ?? null;
    const check = () =>
      validateLogon({
        initialized: initCount > 0,
        flags,
        profileName,
        password: params.password ?? null,
        clientHoldsSession: sessions.holdsLive(client),
      });
    const early = check();
    if (early) return logonResult(early, undefined);

    const acquired = await mutex.acquire((flags & MAPI_TIMEOUT_SHORT) !== 0 ? shortTimeoutMs : undefined);
    if (!acquired) return logonResult('MAPI_E_TIMEOUT', undefined);
    const logon: RunningLogon = { owner: {}, abort: new Ending(), dialogs: [], run: null, loggedOn: new Map() };
    try {
      // The world may have changed while we waited (uninitialize, a logon by the same client).
      const late = check();
      if (late) return logonResult(late, undefined);
      running = logon;
      const shared = sessions.shared;
      const out = await runLogon(logon, {
        flags,
        profileName,
        sharedSession: shared ? { id: shared.id, profile: shared.profile } : null,
        defaultProfile: profiles.defaultProfile,
        profiles: profiles.definitions(),
      });
      const common = (o: SessionLogonOutput | SessionLogonContext): LogonRun => ({
        path: o.path.slice(),
        profile: o.profile,
        dialogs: logon.dialogs.map((d) => d.kind),
        dialogLog: logon.dialogs.slice(),
      });
      // The last uninitialize ended it, maybe from one of its own callbacks while it ran on (S-R1).
      if (out === null || logon.abort.aborted) {
        const c = logon.run!.context();
        abandon(logon);
        return logonResult('MAPI_E_NOT_INITIALIZED', common(c));
      }
      if (out.result === 'joinShared') return join(client, flags, common(out));
      if (out.result === 'newSession') return create(client, flags, out, common(out));
      return logonResult(out.hr, common(out));
    } finally {
      if (running === logon) running = null;
      mutex.release();
    }
  }

  /** A3: the client joins the shared session with its own flags (A-R9). */
  function join(client: string, flags: number, run: LogonRun): LogonResult {
    const live = sessions.shared!;
    const token = sessions.join(client, live);
    const told = live.run.context().spooler === 'told';
    // No start dialogs to clear: only a start records any, and a spooler is told once.
    live.run.send({ type: 'JOIN', client: { name: client, flags } } as never);
    const c = live.run.context();
    const start = !told && c.spooler === 'told' ? spoolerStart(live, false) : null;
    return logonResult('S_OK', run, { session: handle(live, client, token), shared: true, services: [], spooler: c.spooler, spoolerStart: start });
  }

  /** A12: the session goes live; its spooler may start the transports at once (D-R1). */
  function create(client: string, flags: number, out: SessionLogonOutput, run: LogonRun): LogonResult {
    const profile = profiles.definition(out.profile!)!;
    profiles.keepConfiguration(profile.name, out.services);
    const id = sessions.peekId();
    const shared = (flags & MAPI_ALLOW_OTHERS) !== 0 && sessions.shared === null;
    const input: SessionInput = { id, profile, services: out.services, creator: { name: client, flags }, shared };
    const live: LiveSession = {
      id,
      profile: profile.name,
      shared,
      run: null as never,
      abort: new Ending(),
      startDialogs: [],
      clients: [client],
    };
    // In the table before its spooler starts: C-R9 counts the other live sessions.
    let token = 0;
    // In the table, with its run, before its spooler starts: the start's callbacks find their session.
    startMachine<SessionContext, SessionOutput>(machines.session, input, interpreter, inspect, (run) => {
      live.run = run;
      token = sessions.add(live);
    });
    const c = live.run.context();
    const services = copyServices(out.services);
    const start = c.path.includes('D2') ? spoolerStart(live, true) : null;
    return logonResult('S_OK', run, { session: handle(live, client, token), shared, services, spooler: c.spooler, spoolerStart: start });
  }

  const subsystem: MapiSubsystem & Restorable = {
    async initialize() {
      initCount++;
      return { ...hresult('S_OK'), initCount };
    },
    async uninitialize() {
      if (initCount === 0) return { ...hresult('S_OK'), initCount, endedSessions: [] };
      initCount--;
      if (initCount > 0) return { ...hresult('S_OK'), initCount, endedSessions: [] };
      // S-R1 (model decision): the last uninitialize ends every session and a logon in progress.
      const count = initCount;
      const live = sessions.all();
      // Every callback of the logon and of the sessions' spooler starts is told at once.
      running?.abort.end();
      for (const s of live) s.abort.end();
      // Called from a provider's or dialog's callback, a machine is in the middle of its step (or a
      // session not yet started): the sessions end once that step is over.
      if (callbackOwner() !== undefined) await new Promise((resolve) => setTimeout(resolve, 0));
      const endedSessions = live
        .filter((s) => sessions.all().includes(s))
        .map((s) => {
          s.run.send({ type: 'END' });
          return { session: s.id, loggedOff: ended(s).loggedOff.slice() };
        });
      return { ...hresult('S_OK'), initCount: count, endedSessions };
    },
    logonEx,
    interpreter,
    interpreterFallback: fallback,
    [SAVE](): SavedSubsystem {
      if (interpreter !== 'compiled') throw new TypeError('createMapiSubsystem: only a subsystem on the compiled engine can be saved');
      if (running !== null || mutex.busy || sessions.all().some((s) => s.run.context().start !== null)) {
        throw new TypeError('createMapiSubsystem: a subsystem can be saved only between calls (no logon, no spooler start)');
      }
      return { initCount, anonymous, profiles: profiles.save(), sessions: sessions.save() };
    },
    [RESTORE](saved: SavedSubsystem) {
      if (running !== null || mutex.busy) throw new TypeError('createMapiSubsystem: a subsystem can be restored only between calls');
      initCount = saved.initCount;
      anonymous = saved.anonymous;
      profiles.restore(saved.profiles);
      sessions.restore(
        saved.sessions,
        (snapshot) => startMachine<SessionContext, SessionOutput>(machines.session, undefined, interpreter, undefined, undefined, snapshot),
        () => new Ending(),
      );
    },
    state: () => ({
      initCount,
      initialized: initCount > 0,
      logonRunning: mutex.busy,
      logonsWaiting: mutex.waiting,
      profiles: profiles.snapshot(),
      ...sessions.snapshot(),
    }),
  };
  return subsystem;
}

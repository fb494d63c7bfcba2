import { LOGOFF_FLAGS, LOGON_FLAGS } from '../constants/flags.js';
import type { HResultName } from '../constants/hresults.js';
import { parseFlags } from '../constants/parseFlags.js';
import { createMapiSubsystem } from '../subsystem/createMapiSubsystem.js';
import type { MapiSession, MapiSubsystem, MapiSubsystemOptions, MapiSubsystemState } from '../subsystem/types.js';
import type { DialogKind } from '../../machines/types.js';
import { RESTORE, SAVE, isRestorable, type Restorable, type SavedSubsystem } from '../subsystem/savedState.js';
import { canonicalState, type HandleState } from './canonical.js';
import { answersOf, type CallSpec, type CheckerConfig } from './config.js';
import type { CallbackEvent, CallObservation, ObservedCall } from './invariants.js';

/** A CheckedRun between calls (CheckedRun.save). */
export interface SavedRun {
  subsystem: SavedSubsystem;
  handles: Array<MapiSession | null>;
  sessionFlags: Map<string, number[]>;
  steps: Step[];
}

/**
 * A call that threw, or never answered: SPEC 8 wants an HRESULT from every call (and C-R10 no
 * crash and no hang of a logon). Reported as a violation, with the call as its last step.
 */
export class CallFailure extends Error {
  override name = 'CallFailure';
}

/**
 * Turns of the event loop a call may take: the checker's callbacks answer at once, so a call of
 * the real subsystem answers within microtasks; one still open after this many turns waits on
 * nothing that will come (a machine stuck in a state no event leaves).
 */
const STUCK_TURNS = 100;

function answered<T>(call: Promise<T>, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let turns = 0;
    const tick = () => {
      if (++turns < STUCK_TURNS) timer = setImmediate(tick);
      else reject(new CallFailure(`${what} never answered (still waiting after ${STUCK_TURNS} turns of the event loop, with every callback answered)`));
    };
    let timer = setImmediate(tick);
    call.then(
      (value) => {
        clearImmediate(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearImmediate(timer);
        reject(new CallFailure(`${what} threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`));
      },
    );
  });
}

/** Makes the subsystem under check (tests pass wrong variants). */
export type SubsystemFactory = (options: MapiSubsystemOptions) => MapiSubsystem;

/** One move of the explorer: a client makes one of its calls, the app answering as `choices` says. */
export interface Step {
  client: number;
  call: number;
  /** The option taken at each choice point of the call (provider answers, dialog answers), in order. */
  choices: number[];
}

/**
 * Stateless-model-checking style answers: the call runs with the choices given; past their end
 * each choice point takes its first option and records how many it had, so the caller can list
 * every combination (`nextChoices`).
 */
class Chooser {
  taken: number[] = [];
  counts: number[] = [];
  private pos = 0;

  reset(choices: readonly number[]): void {
    this.taken = choices.slice();
    this.counts = [];
    this.pos = 0;
  }

  /** Past this many choice points in one call, each takes its first option (a dialog's "prompt again" loops, B13). */
  constructor(private readonly limit: number) {}

  choose(options: number): number {
    const i = this.pos++;
    if (i >= this.limit) options = 1;
    if (i < this.taken.length) {
      this.counts.push(options);
      return Math.min(this.taken[i]!, options - 1);
    }
    this.taken.push(0);
    this.counts.push(options);
    return 0;
  }

  /** The next combination after this run's (depth first, last choice point first), or null. */
  next(): number[] | null {
    const taken = this.taken.slice(0, this.pos);
    for (let i = taken.length - 1; i >= 0; i--) {
      if (taken[i]! + 1 < this.counts[i]!) return [...taken.slice(0, i), taken[i]! + 1];
    }
    return null;
  }
}

/** A subsystem driven by the checker's clients, with the app's callbacks answering from a Chooser. */
export class CheckedRun {
  readonly subsystem: MapiSubsystem;
  readonly chooser: Chooser;
  events: CallbackEvent[] = [];
  readonly handles: Array<MapiSession | null>;
  /** Per session: the flags of the logons that made or joined it (A-R9, C-R2), in order. */
  readonly sessionFlags = new Map<string, number[]>();
  readonly steps: Step[] = [];

  constructor(
    readonly config: CheckerConfig,
    create: SubsystemFactory = createMapiSubsystem,
  ) {
    this.handles = config.clients.map(() => null);
    this.chooser = new Chooser(config.maxChoicesPerCall);
    const dialog = <T>(kind: DialogKind, options: readonly string[], map: (a: string) => T) => (input: object): T => {
      const answer = options[this.chooser.choose(options.length)]!;
      const i = input as { session?: string | null; service?: string; provider?: string; flags?: number };
      this.events.push({ type: 'dialog', kind, session: i.session ?? null, service: i.service ?? null, provider: i.provider ?? null, flags: kind === 'serviceConfig' ? i.flags ?? null : null, answer });
      return map(answer);
    };
    const d = config.dialogAnswers;
    const same = (a: string) => a;
    this.subsystem = create({
      profiles: config.profiles,
      interpreter: 'compiled',
      providerLogon: (ctx) => {
        const options = answersOf(config, ctx.profile, ctx.service, ctx.provider);
        const answer = options[this.chooser.choose(options.length)]! as HResultName;
        this.events.push({ type: 'logon', session: ctx.session, phase: ctx.phase, profile: ctx.profile, service: ctx.service, provider: ctx.provider, kind: ctx.kind, uiAllowed: ctx.uiAllowed, noDialogFlag: ctx.noDialogFlag, logonFlags: ctx.logonFlags, answer });
        return answer;
      },
      providerLogoff: (input) => {
        this.events.push({ type: 'logoff', session: input.session, service: input.service, provider: input.provider });
      },
      dialogs: {
        profilePicker: dialog('profilePicker', d.profilePicker, (a) => (a === 'cancel' ? null : a)),
        password: dialog('password', d.password, same),
        serviceConfig: dialog('serviceConfig', d.serviceConfig, same),
        providerConfig: dialog('providerConfig', d.providerConfig, same),
        retry: dialog('retry', d.retry, same),
      },
    });
    this.pristine = CheckedRun.plain(this.subsystem.state());
  }

  /** The state of a fresh subsystem (its session counter aside), to tell a clean reset. */
  private readonly pristine: string;
  private static plain(state: MapiSubsystemState): string {
    return JSON.stringify({ ...state, nextSession: 0 });
  }

  /**
   * Back to a fresh subsystem's state without making a new one (making one provides and compiles
   * the machines again): the last uninitialize ends every session (S-R1). Answers false when the
   * subsystem is not like new afterwards (a dialog completed a profile's configuration, B-R3, or a
   * wrong variant leaves something behind): then the run must not be reused.
   */
  async reset(): Promise<boolean> {
    for (let i = 0; i < 64 && this.subsystem.state().initCount > 0; i++) await this.subsystem.uninitialize();
    this.handles.fill(null);
    this.sessionFlags.clear();
    this.steps.length = 0;
    this.events = [];
    return CheckedRun.plain(this.subsystem.state()) === this.pristine;
  }

  /** The subsystem saves and restores itself (the compiled engine's createMapiSubsystem does). */
  get restorable(): boolean {
    return isRestorable(this.subsystem);
  }

  /** This run between calls, as data to come back to with `restore` (on this same run only: the handles are its subsystem's). */
  save(): SavedRun {
    return {
      subsystem: (this.subsystem as MapiSubsystem & Restorable)[SAVE](),
      handles: this.handles.slice(),
      sessionFlags: new Map(this.sessionFlags),
      steps: this.steps.slice(),
    };
  }

  restore(saved: SavedRun): void {
    (this.subsystem as MapiSubsystem & Restorable)[RESTORE](saved.subsystem);
    saved.handles.forEach((h, i) => (this.handles[i] = h));
    this.sessionFlags.clear();
    // The arrays are replaced, never changed in place (perform), so they can be shared.
    for (const [id, flags] of saved.sessionFlags) this.sessionFlags.set(id, flags);
    this.steps.length = 0;
    this.steps.push(...saved.steps);
    this.events = [];
  }

  callOf(step: Pick<Step, 'client' | 'call'>): CallSpec {
    return this.config.clients[step.client]!.calls[step.call]!;
  }

  /** A session call needs a handle (a client that never logged on has none to call). */
  enabled(step: Pick<Step, 'client' | 'call'>): boolean {
    const op = this.callOf(step).op;
    return op === 'initialize' || op === 'uninitialize' || op === 'logon' || this.handles[step.client] !== null;
  }

  handleStates(state: MapiSubsystemState): HandleState[] {
    return this.config.clients.map((c, i) => {
      const h = this.handles[i];
      if (!h) return { kind: 'none' };
      return state.holdings.some(([client, s]) => client === c.name && s === h.id) ? { kind: 'live', session: h.id } : { kind: 'dead' };
    });
  }

  canonical(state: MapiSubsystemState): string {
    return canonicalState(state, this.handleStates(state), (id) => this.sessionFlags.get(id)?.map((f) => f.toString(36)).join(',') ?? null);
  }

  /** Runs one step; answers what the invariants need. */
  async step(step: Step, pre: MapiSubsystemState | null): Promise<CallObservation | null> {
    this.chooser.reset(step.choices);
    this.events = [];
    this.steps.push(step);
    const spec = this.callOf(step);
    const call = await answered(this.perform(step), `${spec.op} by ${this.config.clients[step.client]!.name}`);
    if (pre === null) return null;
    return { call, pre, post: this.subsystem.state(), events: this.events };
  }

  private async perform(step: Step): Promise<ObservedCall> {
    const spec = this.callOf(step);
    const client = this.config.clients[step.client]!.name;
    switch (spec.op) {
      case 'initialize': {
        const r = await this.subsystem.initialize();
        return { op: 'initialize', reply: { hr: r.hr, initCount: r.initCount } };
      }
      case 'uninitialize': {
        const r = await this.subsystem.uninitialize();
        return { op: 'uninitialize', reply: { hr: r.hr, initCount: r.initCount, endedSessions: r.endedSessions } };
      }
      case 'logon': {
        const flags = parseFlags(spec.flags, LOGON_FLAGS);
        const r = await this.subsystem.logonEx({ client, profileName: spec.profileName, password: null, flags: spec.flags });
        const start = r.spoolerStart ? await r.spoolerStart : null;
        if (r.session) {
          this.handles[step.client] = r.session;
          this.sessionFlags.set(r.session.id, [...(this.sessionFlags.get(r.session.id) ?? []), flags]);
        }
        // SPEC 8: a logon's services once its spooler start is over (a join: those the start called).
        const services = start ? start.services : r.services;
        return {
          op: 'logon',
          client,
          flags,
          profileName: spec.profileName,
          reply: { hr: r.hr, session: r.session?.id ?? null, shared: r.shared, profile: r.profile, services, spooler: r.spooler, path: r.path, dialogs: r.dialogs },
        };
      }
      case 'logoff': {
        const h = this.handles[step.client]!;
        const flags = parseFlags(spec.flags, LOGOFF_FLAGS);
        const r = await h.logoff(spec.flags);
        return { op: 'logoff', client, session: h.id, flags, reply: { hr: r.hr, ended: r.ended, loggedOff: r.loggedOff, notified: r.notified } };
      }
      case 'statusTable': {
        const h = this.handles[step.client]!;
        const r = await h.statusTable();
        return { op: 'statusTable', client, session: h.id, reply: { hr: r.hr, rows: r.rows } };
      }
      case 'queryIdentity': {
        const h = this.handles[step.client]!;
        const r = await h.queryIdentity();
        return { op: 'queryIdentity', client, session: h.id, reply: { hr: r.hr, identity: r.identity } };
      }
    }
  }
}

/** The next combination of answers after a run of a step, or null when every one was tried. */
export const nextChoices = (run: CheckedRun): number[] | null => run.chooser.next();

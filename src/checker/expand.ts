import type { CheckerConfig } from './config.js';
import type { MapiSubsystemState } from '../subsystem/types.js';
import { stateKey } from './canonical.js';
import { callViolations, stateViolations, type Violation } from './invariants.js';
import { CallFailure, CheckedRun, nextChoices, type SavedRun, type Step, type SubsystemFactory } from './run.js';

export interface Counterexample {
  steps: Step[];
  violations: Violation[];
}

/** A call that threw or never answered is a violation of its own (SPEC 8: every call answers with an HRESULT). */
const failedCall = (error: unknown): { violation: Violation } => {
  if (error instanceof CallFailure) return { violation: { rule: 'SPEC-8', message: error.message } };
  throw error;
};

/** A move that broke no invariant: the step taken, the state after it (and its canonical form), the next choices to try. */
interface Moved {
  step: Step;
  post: MapiSubsystemState;
  full: string;
  next: number[] | null;
}

/** How many runs may stand in found states, waiting for those states' first expansion: each holds a subsystem with its own compiled machines (~250 KB with a live session), so this bounds memory. */
const KEPT_RUNS = 1_000;

/**
 * Expands one state: every client's every call with every combination of answers, from a run
 * standing in that state. A running actor cannot be copied, so the run is replayed along the
 * state's shortest prefix — except that the run which found a state is kept for it (`stash`), a
 * call that leaves the state unchanged leaves the run usable, and idle runs are reset to a fresh
 * subsystem's state rather than made anew. Used by the search on one thread and by each worker.
 */
export class Expander {
  transitions = 0;
  /** Time spent inside the subsystem: its calls and reading its state after each (what no checker of the real code can skip). */
  subsystemMs = 0;
  /** Runs standing in states found and not yet expanded, by state key. */
  readonly stash = new Map<string, CheckedRun>();
  private readonly pool: CheckedRun[] = [];
  /**
   * When the subsystem saves and restores itself: the one run every state is expanded on, and
   * the states found and not yet expanded, saved. No replay, no subsystem made per state.
   */
  private readonly main: CheckedRun | null;
  readonly saved = new Map<string, SavedRun>();
  /** The initial state, to replay a state found on another thread from. */
  private readonly rootSaved: SavedRun | null = null;

  constructor(
    readonly config: CheckerConfig,
    private readonly create?: SubsystemFactory,
    private readonly reuse = true,
  ) {
    const run = new CheckedRun(config, create);
    this.main = reuse && run.restorable ? run : null;
    if (this.main) this.rootSaved = this.main.save();
    else this.pool.push(run);
  }

  fresh(): CheckedRun {
    return this.pool.pop() ?? new CheckedRun(this.config, this.create);
  }

  async recycle(run: CheckedRun): Promise<void> {
    if (this.reuse && this.pool.length < 4 && (await run.reset())) this.pool.push(run);
  }

  /** The initial state: its key, and any violation there. */
  root(): { key: string; violations: Violation[] } {
    const run = this.main ?? this.fresh();
    const state = run.subsystem.state();
    const key = stateKey(run.canonical(state));
    if (this.main) this.saved.set(key, this.rootSaved!);
    else this.stash.set(key, run);
    return { key, violations: stateViolations(state, run.sessionFlags) };
  }


  /** Drops the kept runs of states this expander will not expand (another worker has them). */
  async keepOnly(keys: ReadonlySet<string>): Promise<void> {
    for (const key of [...this.saved.keys()]) if (!keys.has(key)) this.saved.delete(key);
    for (const [key, run] of [...this.stash]) {
      if (keys.has(key)) continue;
      this.stash.delete(key);
      await this.recycle(run);
    }
  }

  private async standIn(key: string, prefix: readonly Step[]): Promise<CheckedRun> {
    const kept = this.stash.get(key);
    if (kept) {
      this.stash.delete(key);
      return kept;
    }
    const run = this.fresh();
    for (const s of prefix) await run.step(s, null);
    return run;
  }

  /**
   * Every move from the state `key` (reached by `prefix`). `found(childKey, step)` answers true for
   * a state nobody found before; its run is then kept for it. Answers the first violation, if any.
   */
  async expand(key: string, prefix: readonly Step[], found: (childKey: string, step: Step) => boolean): Promise<Counterexample | null> {
    if (this.main) return this.expandRestoring(this.main, key, prefix, found);
    const { config } = this;
    let run: CheckedRun | null = null;
    let preKey = '';
    let pre = null as ReturnType<CheckedRun['subsystem']['state']> | null;
    for (let c = 0; c < config.clients.length; c++) {
      for (let k = 0; k < config.clients[c]!.calls.length; k++) {
        let choices: number[] | null = [];
        while (choices !== null) {
          if (!run) {
            run = await this.standIn(key, prefix);
            pre = run.subsystem.state();
            preKey = run.canonical(pre);
          }
          if (!run.enabled({ client: c, call: k })) break;
          const move = await this.move(run, prefix, { client: c, call: k, choices }, pre!);
          if ('violations' in move) return move;
          const { step, full } = move;
          choices = move.next;
          if (full === preKey) {
            pre = move.post; // the call changed nothing that matters: the run still stands here
            continue;
          }
          const childKey = stateKey(full);
          if (found(childKey, step) && this.stash.size < KEPT_RUNS && !this.stash.has(childKey)) this.stash.set(childKey, run);
          else await this.recycle(run);
          run = null;
        }
      }
    }
    if (run) await this.recycle(run);
    return null;
  }

  /** `expand` on the one run: every move starts from the state's saved copy. */
  private async expandRestoring(run: CheckedRun, key: string, prefix: readonly Step[], found: (childKey: string, step: Step) => boolean): Promise<Counterexample | null> {
    const { config } = this;
    let from = this.saved.get(key);
    this.saved.delete(key);
    if (!from) {
      // Found on another thread: replayed once from the initial state, then saved.
      run.restore(this.rootSaved!);
      for (const s of prefix) await run.step(s, null);
      from = run.save();
    }
    run.restore(from);
    const pre = run.subsystem.state();
    const preKey = run.canonical(pre);
    for (let c = 0; c < config.clients.length; c++) {
      for (let k = 0; k < config.clients[c]!.calls.length; k++) {
        if (!run.enabled({ client: c, call: k })) continue;
        let choices: number[] | null = [];
        while (choices !== null) {
          const move = await this.move(run, prefix, { client: c, call: k, choices }, pre);
          if ('violations' in move) return move;
          choices = move.next;
          if (move.full !== preKey) {
            const childKey = stateKey(move.full);
            if (found(childKey, move.step)) this.saved.set(childKey, run.save());
          }
          run.restore(from);
        }
      }
    }
    return null;
  }

  /** One call with the given choices, checked: the counterexample it makes, or the step it took, the state after, and the next choices. */
  private async move(run: CheckedRun, prefix: readonly Step[], tried: Step, pre: MapiSubsystemState): Promise<Counterexample | Moved> {
    const started = performance.now();
    const observed = (await run.step(tried, pre).catch(failedCall))!;
    this.subsystemMs += performance.now() - started;
    this.transitions++;
    const step: Step = { client: tried.client, call: tried.call, choices: run.chooser.taken.slice(0, run.chooser.counts.length) };
    if ('violation' in observed) return { steps: [...prefix, step], violations: [observed.violation] };
    const violations = [...callViolations(observed), ...stateViolations(observed.post, run.sessionFlags)];
    if (violations.length > 0) return { steps: await this.shortest(prefix, step, run), violations };
    return { step, post: observed.post, full: run.canonical(observed.post), next: nextChoices(run) };
  }

  /** The prefix plus the failing step, when it replays the violation; else what the run really did. */
  private async shortest(prefix: readonly Step[], step: Step, run: CheckedRun): Promise<Step[]> {
    const candidate = [...prefix, step];
    const check = new CheckedRun(this.config, this.create);
    let last = null;
    for (const [i, s] of candidate.entries()) last = await check.step(s, i === candidate.length - 1 ? check.subsystem.state() : null);
    const v = last ? [...callViolations(last), ...stateViolations(last.post, check.sessionFlags)] : [];
    return v.length > 0 ? candidate : run.steps.slice();
  }
}

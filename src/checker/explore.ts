import type { CheckerConfig } from './config.js';
import { stateKey } from './canonical.js';
import { callViolations, stateViolations, type Violation } from './invariants.js';
import { CheckedRun, nextChoices, type Step, type SubsystemFactory } from './run.js';

/** A distinct state found by the search, reached by `step` from `parent` (a shortest path, BFS). */
interface Node {
  parent: Node | null;
  step: Step | null;
  depth: number;
  /** A run standing in this state, kept so the first expansion needs no replay. */
  run: CheckedRun | null;
}

export interface Progress {
  states: number;
  transitions: number;
  depth: number;
  frontier: number;
  elapsedMs: number;
}

export interface ExploreOptions {
  create?: SubsystemFactory;
  onProgress?: (p: Progress) => void;
  /** How often onProgress is called. */
  progressEveryMs?: number;
  /** Reuse a run by resetting its subsystem (default true; false makes a new subsystem for every replay). */
  reuse?: boolean;
}

export interface Counterexample {
  steps: Step[];
  violations: Violation[];
}

export interface ExploreResult {
  states: number;
  transitions: number;
  /** The deepest level whose states were all expanded (or reached, at the bound). */
  depth: number;
  elapsedMs: number;
  statesPerSec: number;
  /** CPU time of this process (user + system): on a shared, loaded machine the honest rate is states per CPU second. */
  cpuMs: number;
  statesPerCpuSec: number;
  /** The search stopped at maxStates before the depth bound. */
  truncated: boolean;
  counterexample: Counterexample | null;
}

/** How many idle runs are kept beside the frontier (memory bound). */
const KEPT_RUNS = 4_000;

function prefix(node: Node): Step[] {
  const steps: Step[] = [];
  for (let n: Node | null = node; n && n.step; n = n.parent) steps.push(n.step);
  return steps.reverse();
}

/**
 * Breadth-first, exhaustive search of the subsystem under `config`: every client's every call,
 * with every combination of provider and dialog answers, to `config.depth` calls. Each distinct
 * state (canonicalState) is expanded once; the invariants are checked at every transition.
 * Runs are replayed from a fresh subsystem (the machines keep no way to copy a running actor).
 */
export async function explore(config: CheckerConfig, options: ExploreOptions = {}): Promise<ExploreResult> {
  const create = options.create;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  // Idle runs reset to a fresh subsystem's state: making a subsystem costs more than a call.
  const pool: CheckedRun[] = [];
  const fresh = () => pool.pop() ?? new CheckedRun(config, create);
  const recycle = async (run: CheckedRun) => {
    if (options.reuse !== false && pool.length < 4 && (await run.reset())) pool.push(run);
  };
  let kept = 0;

  async function standIn(node: Node): Promise<CheckedRun> {
    if (node.run) {
      const run = node.run;
      node.run = null;
      kept--;
      return run;
    }
    const run = fresh();
    for (const s of prefix(node)) await run.step(s, null);
    return run;
  }

  const root: Node = { parent: null, step: null, depth: 0, run: null };
  const seen = new Set<string>();
  {
    const run = fresh();
    const state = run.subsystem.state();
    const v = stateViolations(state, run.sessionFlags);
    if (v.length > 0) return finish(0, 0, { steps: [], violations: v }, false);
    seen.add(stateKey(run.canonical(state)));
    root.run = run;
    kept++;
  }

  let level: Node[] = [root];
  let transitions = 0;
  let depth = 0;
  let lastProgress = started;
  const every = options.progressEveryMs ?? 250;
  const report = (frontier: number) => {
    const now = performance.now();
    if (options.onProgress && now - lastProgress >= every) {
      lastProgress = now;
      options.onProgress({ states: seen.size, transitions, depth, frontier, elapsedMs: now - started });
    }
  };

  while (level.length > 0 && depth < config.depth) {
    const next: Node[] = [];
    for (const node of level) {
      let run: CheckedRun | null = null;
      let preKey = '';
      let pre = null as ReturnType<CheckedRun['subsystem']['state']> | null;
      for (let c = 0; c < config.clients.length; c++) {
        for (let k = 0; k < config.clients[c]!.calls.length; k++) {
          let choices: number[] | null = [];
          while (choices !== null) {
            if (!run) {
              run = await standIn(node);
              pre = run.subsystem.state();
              preKey = run.canonical(pre);
            }
            if (!run.enabled({ client: c, call: k })) break;
            const step: Step = { client: c, call: k, choices };
            const observed = (await run.step(step, pre))!;
            transitions++;
            const violations = [...callViolations(observed), ...stateViolations(observed.post, run.sessionFlags)];
            if (violations.length > 0) {
              const taken = { ...step, choices: run.chooser.taken.slice(0, run.chooser.counts.length) };
              return finish(transitions, depth + 1, { steps: await shortest(node, taken, run), violations }, false);
            }
            const full = run.canonical(observed.post);
            choices = nextChoices(run);
            const key = stateKey(full);
            if (full === preKey) {
              pre = observed.post; // a self-loop: the run still stands in this state
              continue;
            }
            let stashed = false;
            if (!seen.has(key)) {
              seen.add(key);
              const child: Node = { parent: node, step: { ...step, choices: run.chooser.taken.slice(0, run.chooser.counts.length) }, depth: depth + 1, run: null };
              if (kept < KEPT_RUNS) {
                child.run = run;
                kept++;
                stashed = true;
              }
              next.push(child);
              if (seen.size >= config.maxStates) return finish(transitions, depth + 1, null, true);
            }
            if (!stashed) await recycle(run);
            run = null;
          }
        }
      }
      if (run) await recycle(run);
      report(next.length);
    }
    level = next;
    depth++;
  }
  return finish(transitions, depth, null, false);

  /** The path to the violation: the node's shortest prefix, unless the run took extra self-loops. */
  async function shortest(node: Node, step: Step, run: CheckedRun): Promise<Step[]> {
    const candidate = [...prefix(node), step];
    const check = fresh();
    let last = null;
    for (const [i, s] of candidate.entries()) {
      const pre = i === candidate.length - 1 ? check.subsystem.state() : null;
      last = await check.step(s, pre);
    }
    const v = last ? [...callViolations(last), ...stateViolations(last.post, check.sessionFlags)] : [];
    return v.length > 0 ? candidate : run.steps.slice();
  }

  function finish(t: number, d: number, counterexample: Counterexample | null, truncated: boolean): ExploreResult {
    const elapsedMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuStarted);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    return {
      cpuMs,
      statesPerCpuSec: Math.round(seen.size / Math.max(cpuMs / 1000, 1e-3)),
      states: seen.size,
      transitions: t,
      depth: d,
      elapsedMs,
      statesPerSec: Math.round(seen.size / Math.max(elapsedMs / 1000, 1e-3)),
      truncated,
      counterexample,
    };
  }
}

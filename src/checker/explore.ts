import type { CheckerConfig } from './config.js';
import { Expander, type Counterexample } from './expand.js';
import type { Step, SubsystemFactory } from './run.js';

export type { Counterexample } from './expand.js';

export interface Progress {
  states: number;
  transitions: number;
  depth: number;
  frontier: number;
  elapsedMs: number;
}

export interface ExploreOptions {
  /** The subsystem under check (tests pass wrong variants); runs on this thread only. */
  create?: SubsystemFactory;
  onProgress?: (p: Progress) => void;
  /** How often onProgress is called. */
  progressEveryMs?: number;
  /** Reuse a run by resetting its subsystem (default true; false makes a new subsystem for every replay). */
  reuse?: boolean;
}

export interface ExploreResult {
  states: number;
  transitions: number;
  /** The deepest level reached (the bound when the search ran to it). */
  depth: number;
  elapsedMs: number;
  statesPerSec: number;
  /** CPU time of this process (user + system, every thread): on a shared, loaded machine the honest rate is states per CPU second. */
  cpuMs: number;
  statesPerCpuSec: number;
  /** Time inside the subsystem (its calls and reading its state after each), summed over threads. */
  subsystemMs: number;
  /**
   * Distinct states per second of subsystem time alone: the most a checker of the real code could
   * reach with all of its own work (invariants, canonical states, saving and restoring) free.
   */
  statesPerSubsystemSec: number;
  /** The search stopped at maxStates before the depth bound. */
  truncated: boolean;
  /** Threads that expanded states. */
  workers: number;
  counterexample: Counterexample | null;
}

/** A state of the search: its key and a shortest call prefix reaching it (breadth first). */
export interface FrontierNode {
  key: string;
  prefix: Step[];
}

/** What the threads of a search did: moves tried, and time spent inside the subsystem. */
export interface Work {
  transitions: number;
  subsystemMs: number;
}

/** Wall clock, CPU time and the figures every search reports. */
export function stopwatch(workers: number) {
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  return {
    started,
    finish(states: number, work: Work, depth: number, counterexample: Counterexample | null, truncated: boolean): ExploreResult {
      const elapsedMs = performance.now() - started;
      const cpu = process.cpuUsage(cpuStarted);
      const cpuMs = (cpu.user + cpu.system) / 1000;
      const { transitions, subsystemMs } = work;
      return {
        states,
        transitions,
        depth,
        elapsedMs,
        statesPerSec: Math.round(states / Math.max(elapsedMs / 1000, 1e-3)),
        cpuMs,
        statesPerCpuSec: Math.round(states / Math.max(cpuMs / 1000, 1e-3)),
        subsystemMs,
        statesPerSubsystemSec: Math.round(states / Math.max(subsystemMs / 1000, 1e-3)),
        truncated,
        workers,
        counterexample,
      };
    },
  };
}

/**
 * Breadth-first, exhaustive search of the subsystem under `config` on this thread: every client's
 * every call, with every combination of provider and dialog answers, to `config.depth` calls.
 * Each distinct state (canonicalState) is expanded once; the invariants are checked at every
 * transition; the first violation ends the search with a shortest path to it.
 */
export async function explore(config: CheckerConfig, options: ExploreOptions = {}): Promise<ExploreResult> {
  const clock = stopwatch(1);
  const expander = new Expander(config, options.create, options.reuse !== false);
  const root = expander.root();
  const seen = new Set<string>([root.key]);
  if (root.violations.length > 0) return clock.finish(1, { transitions: 0, subsystemMs: 0 }, 0, { steps: [], violations: root.violations }, false);

  let level: FrontierNode[] = [{ key: root.key, prefix: [] }];
  let depth = 0;
  let lastProgress = clock.started;
  const every = options.progressEveryMs ?? 250;
  while (level.length > 0 && depth < config.depth) {
    const next: FrontierNode[] = [];
    for (const node of level) {
      let truncated = false;
      const violation = await expander.expand(node.key, node.prefix, (key, step) => {
        if (seen.has(key)) return false;
        seen.add(key);
        next.push({ key, prefix: [...node.prefix, step] });
        if (seen.size >= config.maxStates) truncated = true;
        return true;
      });
      if (violation) return clock.finish(seen.size, expander, depth + 1, violation, false);
      if (truncated) return clock.finish(seen.size, expander, depth + 1, null, true);
      const now = performance.now();
      if (options.onProgress && now - lastProgress >= every) {
        lastProgress = now;
        options.onProgress({ states: seen.size, transitions: expander.transitions, depth, frontier: next.length, elapsedMs: now - clock.started });
      }
    }
    level = next;
    depth++;
  }
  return clock.finish(seen.size, expander, depth, null, false);
}

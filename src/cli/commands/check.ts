import { readFileSync } from 'node:fs';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { CheckerConfigError, DEFAULT_CHECKER_CONFIG, parseCheckerConfig } from '../../checker/config.js';
import { counterexampleScenario, DEFAULT_VIEWER_URL, writeCounterexample } from '../../checker/counterexample.js';
import type { Progress } from '../../checker/explore.js';
import { exploreParallel } from '../../checker/parallel.js';
import { fromCwd } from './coverage.js';

/** Bad input: one short line naming the problem, exit 2 (V-R5), raised through commander. */
class CheckInputError extends Error {}
function failInput(message: string): never {
  throw new CheckInputError(message);
}

const positive = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000_000) throw new InvalidArgumentError('expected a whole number from 1');
  return n;
};

function loadConfig(file: string | undefined, depth: number | undefined, maxStates: number | undefined) {
  let input: unknown = DEFAULT_CHECKER_CONFIG;
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(fromCwd(file), 'utf8').replace(/^\uFEFF/, '');
    } catch (error) {
      failInput(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    try {
      input = JSON.parse(text);
    } catch {
      failInput(`${file}: not JSON`);
    }
  }
  try {
    const config = parseCheckerConfig(input);
    return { ...config, depth: depth ?? config.depth, maxStates: maxStates ?? config.maxStates };
  } catch (error) {
    if (error instanceof CheckerConfigError) failInput(`${file ?? 'default config'}: ${error.message}`);
    throw error;
  }
}

const rate = (p: Progress) => Math.round(p.states / Math.max(p.elapsedMs / 1000, 1e-3));

/**
 * `mapi-logon check`: the bounded, exhaustive, breadth-first explorer of the subsystem (issue 14).
 * Exit 0 when no invariant breaks within the bound, 1 with the shortest counterexample.
 */
export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('explore every interleaving of clients and every provider and dialog answer to a depth; check the spec invariants at each state')
    .argument('[config]', 'checker configuration (JSON); default: the built-in bound (docs/checker.md)')
    .option('-d, --depth <n>', 'calls from the initial state (overrides the configuration)', positive)
    .option('--max-states <n>', 'stop after this many distinct states', positive)
    .option('-w, --workers <n>', 'worker threads that expand states (1: this thread only)', positive, 1)
    .option('-o, --out <file>', 'where to write a counterexample scenario', 'counterexample.json')
    .option('--viewer <url>', 'the viewer the printed link opens', DEFAULT_VIEWER_URL)
    .addOption(new Option('--json', 'print the figures (and any counterexample) as JSON'))
    .option('--print-config', 'print the configuration in use and stop')
    .action(async (file: string | undefined, opts: { depth?: number; maxStates?: number; workers: number; out: string; viewer: string; json?: boolean; printConfig?: boolean }, command: Command) => {
      let config;
      try {
        config = loadConfig(file, opts.depth, opts.maxStates);
      } catch (error) {
        if (error instanceof CheckInputError) command.error(`mapi-logon: ${error.message}`, { exitCode: 2, code: 'mapi-logon.check.input' });
        throw error;
      }
      if (opts.printConfig) {
        process.stdout.write(JSON.stringify(config, null, 2) + '\n');
        return;
      }
      const tty = Boolean(process.stderr.isTTY) && !opts.json;
      const result = await exploreParallel(config, opts.workers, {
        onProgress: tty
          ? (p) => process.stderr.write(`\r${p.states} states, ${p.transitions} transitions, depth ${p.depth}, ${rate(p)} states/s, frontier ${p.frontier}   `)
          : undefined,
      });
      if (tty) process.stderr.write('\r\x1b[K');
      const figures = {
        states: result.states,
        transitions: result.transitions,
        depth: result.depth,
        depthBound: config.depth,
        elapsedMs: Math.round(result.elapsedMs),
        statesPerSec: result.statesPerSec,
        cpuMs: Math.round(result.cpuMs),
        statesPerCpuSec: result.statesPerCpuSec,
        subsystemMs: Math.round(result.subsystemMs),
        statesPerSubsystemSec: result.statesPerSubsystemSec,
        truncated: result.truncated,
        workers: result.workers,
      };
      let found = null;
      if (result.counterexample) {
        const cx = await counterexampleScenario(config, result.counterexample.steps, result.counterexample.violations);
        const link = writeCounterexample(fromCwd(opts.out), cx, opts.viewer);
        found = { file: opts.out, length: cx.call, viewerStep: cx.step, violations: result.counterexample.violations, link, view: `mapi-logon view ${opts.out} --step ${cx.step}` };
      }
      if (opts.json) {
        process.stdout.write(JSON.stringify({ ok: !found, ...figures, counterexample: found }, null, 2) + '\n');
      } else {
        const lines = [
          `${figures.states} distinct states, ${figures.transitions} transitions, depth ${figures.depth} of ${figures.depthBound}${figures.truncated ? ' (cut short at --max-states)' : ''}`,
          `${(figures.elapsedMs / 1000).toFixed(1)} s on ${figures.workers} thread(s), ${figures.statesPerSec} states/s (${(figures.cpuMs / 1000).toFixed(1)} s of CPU, ${figures.statesPerCpuSec} states per CPU second)`,
          `${(figures.subsystemMs / 1000).toFixed(1)} s inside the subsystem's calls: ${figures.statesPerSubsystemSec} states/s if the checker's own work took no time`,
        ];
        if (found) {
          lines.push(`VIOLATION after ${found.length} call(s):`);
          for (const v of found.violations.slice(0, 10)) lines.push(`  ${v.rule}: ${v.message}`);
          lines.push(`counterexample: ${found.file}`, `open it: ${found.view}`, `viewer link: ${found.link}`);
        } else {
          lines.push('no invariant broken within the bound');
        }
        process.stdout.write(lines.join('\n') + '\n');
      }
      process.exitCode = found ? 1 : 0;
    });
}

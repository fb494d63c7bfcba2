// `node --import tsx bench/checker.ts [--quick]`: runs `mapi-logon check` at its default bound and
// writes the `checker` key of bench/results.json (states, statesPerSec, depth; issue 14's goal is
// ≥ 50,000 states/s). Only that key is rewritten, so it can run before or after bench/run.ts.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CHECKER_CONFIG, parseCheckerConfig } from '../src/checker/config.js';
import { explore } from '../src/checker/explore.js';

const quick = process.argv.includes('--quick');
const resultsPath = join(import.meta.dirname, 'results.json');

/** The default bound (a --quick run stops one level short). */
export async function measureChecker(options: { quick?: boolean } = {}) {
  const base = parseCheckerConfig(DEFAULT_CHECKER_CONFIG);
  const config = options.quick ? { ...base, depth: base.depth - 1 } : base;
  const r = await explore(config);
  if (r.counterexample) throw new Error(`bench/checker: the model breaks ${r.counterexample.violations[0]!.rule} at the default bound`);
  return {
    states: r.states,
    statesPerSec: r.statesPerSec,
    statesPerCpuSec: r.statesPerCpuSec,
    subsystemMs: Math.round(r.subsystemMs),
    statesPerSubsystemSec: r.statesPerSubsystemSec,
    transitionsPerState: Math.round((r.transitions / r.states) * 10) / 10,
    depth: r.depth,
    transitions: r.transitions,
    transitionsPerSec: Math.round(r.transitions / (r.elapsedMs / 1000)),
    elapsedS: Math.round(r.elapsedMs / 100) / 10,
    workers: r.workers,
    quick: Boolean(options.quick),
  };
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const checker = await measureChecker({ quick });
  const results = existsSync(resultsPath) ? (JSON.parse(readFileSync(resultsPath, 'utf8')) as Record<string, unknown>) : {};
  results.checker = checker;
  writeFileSync(resultsPath, JSON.stringify(results, null, 2) + '\n');
  process.stdout.write(`checker: ${JSON.stringify(checker)}\n`);
}

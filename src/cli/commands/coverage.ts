import { resolve } from 'node:path';
import type { Command } from 'commander';
import { formatCoverage, runWithCoverage, summarize } from '../../conformance/coverage.js';
import { LoadError, loadScenarios } from '../../conformance/loadScenarios.js';
import { buildUniverse } from '../../conformance/universe.js';

/** Where `npm run mapi-logon -- …` was typed, for relative paths. */
export const fromCwd = (p: string) => resolve(process.env.INIT_CWD ?? process.cwd(), p);

/** Prints a bad-input line and exits 2 (V-R5), the CLI's convention. */
export function failInput(message: string): never {
  process.stderr.write(`mapi-logon: ${message}\n`);
  process.exit(2);
}

export function registerCoverage(program: Command): void {
  program
    .command('coverage')
    .description('which flowchart nodes, edges and rule ids a set of scenarios exercises (read from the runs)')
    .argument('<paths...>', 'scenario files or directories of them')
    .option('--json', 'print the report as JSON (with how often each node, edge and rule was taken)')
    .action(async (paths: string[], opts: { json?: boolean }) => {
      let loaded;
      try {
        loaded = loadScenarios(paths.map(fromCwd));
      } catch (error) {
        if (error instanceof LoadError) failInput(error.message);
        throw error;
      }
      const universe = buildUniverse();
      const runs = [];
      for (const s of loaded) runs.push(await runWithCoverage(s.name, s.scenario, universe));
      const report = summarize(runs, universe);
      process.stdout.write(opts.json ? JSON.stringify(report, null, 2) + '\n' : formatCoverage(report));
    });
}

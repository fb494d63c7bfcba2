import type { Command } from 'commander';
import { type ConformCase, casesFromFiles, casesFromSuite, conform, formatConformReport } from '../../conformance/conform.js';
import { LoadError, loadScenarios } from '../../conformance/loadScenarios.js';
import { generateSuite } from '../../conformance/suite.js';
import { failInput, fromCwd } from './coverage.js';

const positiveInt = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) failInput(`${name}: expected a whole number, got ${JSON.stringify(v)}`);
  return n;
};

export function registerConform(program: Command): void {
  program
    .command('conform')
    .description('run a scenario suite against an external implementation speaking the JSON-lines protocol of docs/conformance.md')
    .requiredOption('-e, --exec <command>', 'the implementation to start (through the shell), e.g. "python3 impl.py"')
    .argument('[dirs...]', 'scenario files or directories (NAME.json with NAME.expected.json beside); default: the generated suite')
    .option('-t, --timeout <ms>', 'time allowed per scenario', positiveInt('--timeout'), 10_000)
    .option('--shrink-runs <n>', 'implementation runs allowed to shrink each divergence (0: no shrinking)', positiveInt('--shrink-runs'), 300)
    .option('--json', 'print the report as JSON')
    .action(async (dirs: string[], opts: { exec: string; timeout: number; shrinkRuns: number; json?: boolean }) => {
      let cases: ConformCase[];
      try {
        cases = dirs.length ? await casesFromFiles(loadScenarios(dirs.map(fromCwd))) : casesFromSuite((await generateSuite()).cases);
      } catch (error) {
        if (error instanceof LoadError || error instanceof SyntaxError) failInput((error as Error).message);
        throw error;
      }
      const report = await conform(opts.exec, cases, { timeoutMs: opts.timeout, shrinkRuns: opts.shrinkRuns, cwd: process.env.INIT_CWD ?? process.cwd() });
      process.stdout.write(opts.json ? JSON.stringify(report, null, 2) + '\n' : formatConformReport(report));
      process.exitCode = report.ok ? 0 : 1;
    });
}

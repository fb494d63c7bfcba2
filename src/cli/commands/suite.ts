import type { Command } from 'commander';
import { formatCoverage } from '../../conformance/coverage.js';
import { generateSuite, writeSuite } from '../../conformance/suite.js';
import { fromCwd } from './coverage.js';

export function registerSuite(program: Command): void {
  program
    .command('suite')
    .description('write the generated conformance suite: NAME.json and NAME.expected.json per scenario (SPEC section 8)')
    .requiredOption('-o, --out <dir>', 'directory to write the suite to (created if missing)')
    .action(async (opts: { out: string }) => {
      const suite = await generateSuite();
      const dir = fromCwd(opts.out);
      const bytes = writeSuite(suite, dir);
      const calls = suite.cases.reduce((n, c) => n + c.expected.results.length, 0);
      process.stdout.write(`suite: ${suite.cases.length} scenarios, ${calls} calls, ${(bytes / 1024).toFixed(1)} KiB in ${dir}\n`);
      process.stdout.write(formatCoverage(suite.coverage));
    });
}

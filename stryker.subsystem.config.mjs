// `npm run mutation:subsystem [-- --mutate src/subsystem/FILE.ts]`: src/subsystem/ with its own,
// quicker test selection (vitest.mutation.subsystem.config.ts), one runner, incremental (a rerun
// after new tests retests only what changed). How BENCHMARKS.md's src/subsystem rows were measured.
import base from './stryker.config.mjs';

export default {
  ...base,
  mutate: ['src/subsystem/**/*.ts', '!src/subsystem/types.ts'],
  vitest: { configFile: 'vitest.mutation.subsystem.config.ts' },
  concurrency: 1,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental-subsystem.json',
  htmlReporter: { fileName: 'reports/mutation/subsystem.html' },
  jsonReporter: { fileName: 'reports/mutation/subsystem.json' },
  tempDirName: '.stryker-tmp/subsystem',
};

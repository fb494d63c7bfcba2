// Mutation testing: `npm run mutation`. The score for machines/ is reported in the README.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  mutate: ['machines/**/*.ts', 'src/**/*.ts', '!machines/index.ts', '!machines/types.ts', '!src/index.ts', '!src/cli/**'],
  coverageAnalysis: 'perTest',
  ignoreStatic: true,
  concurrency: 2,
  // A mutant that turns a guard into an endless eventless loop hangs its run: let it time out soon.
  timeoutMS: 8000,
  // The first run loads every test file's modules afresh (isolated): minutes on a busy 2-core host.
  dryRunTimeoutMinutes: 30,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.stryker-tmp',
  // Build output and browser screenshots: nothing a test imports from the sandbox.
  ignorePatterns: ['/dist', '/test-results'],
};

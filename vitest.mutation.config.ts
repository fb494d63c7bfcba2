import { configDefaults, defineConfig } from 'vitest/config';

// Under Stryker every mutant reruns the tests that cover it: leave out the 3.1-million-case
// exhaustive run, the tests that spawn processes or browsers (CLI, kit, checker CLI) and the
// generators' statistics (the properties and rules tests cover the same code).
// Standalone, not merged with vitest.config.ts: that one shares a module graph per worker
// (`isolate: false`), which evaluates the machines before Stryker switches a mutant on — every
// mutant of a machine configuration would then survive. Here each file loads its modules afresh.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'properties/**/*.test.ts'],
    setupFiles: ['properties/setup.ts'],
    testTimeout: 300_000,
    hookTimeout: 600_000,
    exclude: [
      ...configDefaults.exclude,
      'properties/exhaustive.flowchart-A.test.ts',
      'properties/statistics.test.ts',
      'test/cli*.test.ts',
      'test/browser/**',
      'test/package.test.ts',
      'test/examples.test.ts',
      'test/conformance.kit.test.ts',
      'test/conformance.mutants.test.ts',
      'test/coverage.test.ts',
      'test/suite.test.ts',
      'test/checker.test.ts',
      // It re-imports the subsystem after vi.resetModules(): every machine definition then runs
      // inside that test, and Stryker counts all their static mutants as covered by it.
      'test/mutation.subsystem.callbacks.test.ts',
    ],
    // Each mutant reruns the properties that cover it: 40 runs each instead of 100.
    env: { FC_NUM_RUNS: '40' },
  },
});

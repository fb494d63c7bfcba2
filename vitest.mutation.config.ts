import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

// Under Stryker every mutant reruns the tests that cover it: leave out the 3.1-million-case
// exhaustive run, the tests that spawn processes or browsers (CLI, kit, checker CLI) and the
// generators' statistics (the properties and rules tests cover the same code).
export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [
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
        '**/node_modules/**',
      ],
      // Each mutant reruns the properties that cover it: 40 runs each instead of 100.
      env: { FC_NUM_RUNS: '40' },
    },
  }),
);

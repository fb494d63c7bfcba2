import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

// Under Stryker every mutant reruns the tests that cover it: leave out the 3.1-million-case
// exhaustive run and the CLI tests that spawn processes (the properties cover the same code).
export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: ['properties/exhaustive.flowchart-A.test.ts', 'test/cli.test.ts', 'test/browser/**', 'test/package.test.ts', 'test/examples.test.ts', '**/node_modules/**'],
      // Each mutant reruns the properties that cover it: 40 runs each instead of 100.
      env: { FC_NUM_RUNS: '40' },
    },
  }),
);

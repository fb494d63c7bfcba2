import { defineConfig } from 'vitest/config';

// `npm run mutation:subsystem`: Stryker over src/subsystem/ with the tests that reach the subsystem
// (rules, mutation.*, subsystem.*, golden, conformance, compiled, inspection secrets and the
// subsystem's properties), in one shared module graph. Sharing is fine here, unlike for machines/:
// src/subsystem's mutants are switched inside functions at run time, and mutants of module-level
// code are ignored (`ignoreStatic`). Fewer tests than vitest.mutation.config.ts, so its score is a
// lower bound of that one's — except that this one also runs test/mutation.subsystem.callbacks.test.ts
// (the browser build and an unavailable compiled engine), which the isolated config leaves out.
export default defineConfig({
  test: {
    setupFiles: ['properties/setup.ts'],
    testTimeout: 300_000,
    hookTimeout: 600_000,
    maxWorkers: 1,
    isolate: false,
    include: [
      'test/rules.*.test.ts',
      'test/mutation.*.test.ts',
      'test/subsystem.*.test.ts',
      'test/spoolerStart.*.test.ts',
      'test/compiled.test.ts',
      'test/inspection-secrets.test.ts',
      'test/conformance.test.ts',
      'test/golden.test.ts',
      'properties/model-based.session-table.test.ts',
      'properties/S-R1.*.test.ts',
      'properties/D-R4.logoff-order.test.ts',
    ],
    env: { FC_NUM_RUNS: '40' },
  },
});

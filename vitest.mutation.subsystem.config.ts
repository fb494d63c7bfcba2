import { configDefaults, defineConfig } from 'vitest/config';
import full from './vitest.mutation.config.js';

// `npm run mutation:subsystem`: Stryker over src/subsystem/ with the tests that reach the subsystem
// (rules, mutation.*, subsystem.*, golden, conformance, compiled, inspection secrets and the
// subsystem's properties), in one shared module graph. Sharing is fine here, unlike for machines/:
// src/subsystem's mutants are switched inside functions at run time, and mutants of module-level
// code are ignored (`ignoreStatic`). Fewer tests than vitest.mutation.config.ts, so its score is a
// lower bound of that one's — except that this one also runs test/mutation.subsystem.callbacks.test.ts
// (the browser build and an unavailable compiled engine), which the isolated config leaves out.
// The setup, timeouts and property runs are the full mutation config's.
export default defineConfig({
  test: {
    ...full.test,
    maxWorkers: 1,
    isolate: false,
    exclude: configDefaults.exclude,
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
  },
});

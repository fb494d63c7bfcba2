import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'properties/**/*.test.ts'],
    setupFiles: ['properties/setup.ts'],
    // Timeouts catch a hung test, never a slow host: the default is ten times the slowest test
    // without its own timeout on a quiet machine, the heavy files set theirs (exhaustive checks,
    // npm pack and install, the browser).
    testTimeout: 300_000,
    hookTimeout: 600_000,
    // The CLI tests spawn node processes; two cores.
    maxWorkers: 2,
  },
});

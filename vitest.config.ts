import { configDefaults, defineConfig } from 'vitest/config';
import { LongestFirst } from './test/setup/sequencer.js';

// Each in a fresh worker: checker.test.ts mocks a module (vi.mock); the browser files and the
// package test run their own servers, browsers and installs (and are the longest files).
const BROWSER = ['test/browser/**/*.test.ts'];
const ISOLATED = ['test/checker.test.ts', 'test/package.test.ts'];

export default defineConfig({
  test: {
    setupFiles: ['properties/setup.ts'],
    // Timeouts catch a hung test, never a slow host: the default is ten times the slowest test
    // without its own timeout on a quiet machine, the heavy files set theirs (exhaustive checks,
    // npm pack and install, the browser).
    testTimeout: 300_000,
    hookTimeout: 600_000,
    // Three workers on two cores: the browser and package files spend much of their time waiting
    // on Chromium, npm and tsc processes, and a third worker runs CPU-bound files meanwhile (this
    // host, busy with other tenants: 126 s with two, 119 s with three). MAPI_TEST_WORKERS overrides it (the CLI flag does
    // not reach the projects, which inherit this value).
    maxWorkers: Number(process.env.MAPI_TEST_WORKERS ?? 3),
    // Longest file first (see the sequencer).
    sequence: { sequencer: LongestFirst },
    projects: [
      // One build of the viewer for all the browser files, made while the first files run.
      { extends: true, test: { name: 'browser', include: BROWSER, globalSetup: ['test/setup/viewerBuild.ts', 'test/setup/builtSources.ts'] } },
      { extends: true, test: { name: 'isolated', include: ISOLATED } },
      {
        extends: true,
        test: {
          name: 'shared',
          // The CLI and the conformance adapters run as processes on the compiled sources.
          globalSetup: ['test/setup/builtSources.ts'],
          include: ['test/**/*.test.ts', 'properties/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...BROWSER, ...ISOLATED],
          // These files mock nothing and keep no state in the modules they import, so a worker
          // runs them one after another on one module graph instead of loading it per file.
          // That graph is most of their cost: @fast-check/vitest alone takes ~3 s CPU to load
          // (it walks every chain of vitest's test API), once per property file when isolated.
          isolate: false,
        },
      },
    ],
  },
});

import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Quiet durations (ms, 2 cores) of the files that decide the suite's wall time, for a run with no
 * cached results yet (a fresh clone, CI). Afterwards vitest's cache of the last run orders them.
 */
const KNOWN_MS: Record<string, number> = {
  'test/browser/viewer.test.ts': 35_000,
  'test/package.test.ts': 35_000,
  'test/browser/coverage.test.ts': 17_000,
  'test/conformance.kit.test.ts': 17_000,
  'properties/statistics.test.ts': 15_000,
  'test/browser/server.test.ts': 14_000,
  'test/cli.test.ts': 13_000,
  'properties/exhaustive.flowchart-A.compiled.test.ts': 12_000,
};

/**
 * Longest file first, so that no long file starts last while the other worker idles: the files
 * that run in a worker of their own first (they hold the longest: browser, package), then the
 * shared-module files, longest first within each project. A shared-module worker is reused only
 * by the next file of its own project, so those stay together.
 */
export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const weight = (spec: TestSpecification) => {
      const path = relative(root, spec.moduleId);
      return this.ctx.cache.getFileTestResults(`${spec.project.name}:${path}`)?.duration ?? KNOWN_MS[path] ?? 0;
    };
    const name = (spec: TestSpecification) => (spec.project.config.isolate ? '' : spec.project.name);
    return [...files].sort(
      (a, b) =>
        a.project.config.sequence.groupOrder - b.project.config.sequence.groupOrder ||
        name(a).localeCompare(name(b)) ||
        weight(b) - weight(a),
    );
  }
}

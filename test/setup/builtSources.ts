import { readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** This run's JavaScript of the sources, laid out as the package's dist/ is: see below. */
    builtSources: string;
  }
}

const root = join(import.meta.dirname, '../..');
/** What the CLI and the conformance adapters run: the package's sources and the example adapter. */
const FOLDERS = ['src', 'machines', 'viz', 'examples/conformance'];

/**
 * globalSetup: the sources compiled once per run (esbuild, file by file, as tsx compiles them on
 * the fly), so that the tests that start the CLI or an adapter as a process run plain `node` on
 * JavaScript: a tsx start costs ~0.5 s of CPU more, and the suite starts some forty. The files land
 * in <root>/node_modules/.cache/…/dist/ beside a link to docs/, the layout of the built package
 * (imports resolve to the project's node_modules; docs/spec.md is found as from dist/).
 */
export default async function setup(project: TestProject) {
  const base = join(root, 'node_modules/.cache', `mapi-test-sources-${process.pid}-${project.name}`);
  const dist = join(base, 'dist');
  const compile = async () => {
    rmSync(dist, { recursive: true, force: true });
    const entryPoints = FOLDERS.flatMap((folder) =>
      (readdirSync(join(root, folder), { recursive: true }) as string[])
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.endsWith('.test.ts'))
        .map((f) => join(root, folder, f)),
    );
    await build({ entryPoints, outdir: dist, outbase: root, format: 'esm', platform: 'node', target: 'node20', logLevel: 'silent' });
  };
  rmSync(base, { recursive: true, force: true });
  await compile();
  symlinkSync(join(root, 'docs'), join(base, 'docs'));
  project.provide('builtSources', dist);
  // Watch mode: the sources may have changed since.
  project.onTestsRerun(compile);
  return () => rmSync(base, { recursive: true, force: true });
}

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where this run builds the viewer: `viewer/` once `built` exists, or `failed` says why not. */
    viewerBuild: string;
  }
}

/**
 * globalSetup of the browser files: one build of the viewer per run, shared by them all (a build
 * lays out every chart with ELK and bundles the app). It starts here, in vitest's own process,
 * without holding up the first files; `builtViewer()` waits for it. Its own folder per run, so two
 * runs in one checkout never build into each other's.
 */
export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'mapi-viewer-build-'));
  project.provide('viewerBuild', dir);
  const done = import('../../viz/build.js')
    .then(({ buildViewer }) => buildViewer(join(dir, 'viewer')))
    .then(() => writeFileSync(join(dir, 'built'), ''))
    .catch((e: unknown) => writeFileSync(join(dir, 'failed'), e instanceof Error ? (e.stack ?? e.message) : String(e)));
  return async () => {
    await done;
    rmSync(dir, { recursive: true, force: true });
  };
}

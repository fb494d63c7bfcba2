import { spawn } from 'node:child_process';
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

const root = join(import.meta.dirname, '../..');

/** `npm run build:viewer` into `out`, in a process of its own (fresh sources in watch mode too). */
function buildViewerInto(out: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'viz/build.ts', out], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`viz/build.ts exited with ${code}:\n${stderr}`))));
  });
}

/**
 * globalSetup of the browser files: one build of the viewer per run, shared by them all (a build
 * lays out every chart with ELK and bundles the app). It starts here without holding up the first
 * files; `builtViewer()` waits for it. Its own folder per run, so two runs in one checkout never
 * build into each other's.
 */
export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'mapi-viewer-build-'));
  project.provide('viewerBuild', dir);
  const start = () => {
    for (const marker of ['built', 'failed']) rmSync(join(dir, marker), { force: true });
    return buildViewerInto(join(dir, 'viewer'))
      .then(() => writeFileSync(join(dir, 'built'), ''))
      .catch((e: unknown) => writeFileSync(join(dir, 'failed'), e instanceof Error ? (e.stack ?? e.message) : String(e)));
  };
  let done = start();
  // Watch mode: the sources may have changed since.
  project.onTestsRerun(async () => {
    await done;
    done = start();
  });
  return async () => {
    await done;
    rmSync(dir, { recursive: true, force: true });
  };
}

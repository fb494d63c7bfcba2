import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';
import { startViewerServer } from '../../viz/server.js';

export const root = join(import.meta.dirname, '../..');
export const shots = join(root, 'test-results/screenshots');

/**
 * This run's build of the viewer (test/setup/viewerBuild.ts builds it once for all the browser
 * files; no test writes into it), served on its own port for the calling file.
 */
export async function builtViewer(): Promise<{ dir: string; server: Server; url: string }> {
  const build = inject('viewerBuild');
  // No deadline of its own: the hook's timeout bounds the wait.
  while (!existsSync(join(build, 'built'))) {
    if (existsSync(join(build, 'failed'))) throw new Error(`the viewer build failed:\n${readFileSync(join(build, 'failed'), 'utf8')}`);
    await sleep(100);
  }
  const dir = join(build, 'viewer');
  const { server, url } = await startViewerServer(0, { dir });
  mkdirSync(shots, { recursive: true });
  return { dir, server, url };
}

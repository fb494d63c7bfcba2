import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { buildViewer } from '../../viz/build.js';
import { startViewerServer } from '../../viz/server.js';

export const root = join(import.meta.dirname, '../..');
export const shots = join(root, 'test-results/screenshots');

/** A fresh build of the viewer for one test file (its own folder: files run side by side), served. */
export async function builtViewer(name: string): Promise<{ dir: string; server: Server; url: string }> {
  const dir = await buildViewer(join(root, 'test-results', `viewer-${name}`));
  const { server, url } = await startViewerServer(0, { dir });
  mkdirSync(shots, { recursive: true });
  return { dir, server, url };
}

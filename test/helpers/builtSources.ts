import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { inject } from 'vitest';

const root = join(import.meta.dirname, '../..');

/**
 * A source file's JavaScript in this run's compiled copy of the sources (test/setup/builtSources.ts):
 * `builtSource('src/cli/main.ts')` is what `node` runs as the CLI, without tsx's start-up.
 */
export const builtSource = (path: string): string => join(inject('builtSources'), path.replace(/\.ts$/, '.js'));

/** `mapi-logon ARGS…` run to its end from the project root, without colours: status, stdout, stderr. */
export const runCli = (...args: string[]) =>
  spawnSync(process.execPath, [builtSource('src/cli/main.ts'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

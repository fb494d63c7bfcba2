import { join } from 'node:path';
import { inject } from 'vitest';

/**
 * A source file's JavaScript in this run's compiled copy of the sources (test/setup/builtSources.ts):
 * `builtSource('src/cli/main.ts')` is what `node` runs as the CLI, without tsx's start-up.
 */
export const builtSource = (path: string): string => join(inject('builtSources'), path.replace(/\.ts$/, '.js'));

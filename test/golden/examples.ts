import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const examplesDir = join(import.meta.dirname, '../../examples/scenarios');
export const goldenDir = import.meta.dirname;

/** Every example scenario: its name and its parsed JSON. */
export function exampleScenarios(): Array<{ name: string; scenario: unknown }> {
  return readdirSync(examplesDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ name: f.replace(/\.json$/, ''), scenario: JSON.parse(readFileSync(join(examplesDir, f), 'utf8')) }));
}

export const goldenPath = (name: string) => join(goldenDir, `${name}.output.json`);

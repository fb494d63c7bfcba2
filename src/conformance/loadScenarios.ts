import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ScenarioError, parseScenarioText } from '../schema/parseScenario.js';
import type { Scenario } from '../schema/scenario.js';

export interface LoadedScenario {
  /** The file name without `.json` (a suite's scenario id). */
  name: string;
  file: string;
  scenario: Scenario;
  /** `NAME.expected.json` beside it, when there is one: `{ results }`. */
  expectedFile?: string;
}

/** A bad file or directory: the CLI prints it and exits 2 (V-R5). */
export class LoadError extends Error {}

const EXPECTED = '.expected.json';

/** Scenario files named on the command line: files as given, directories' `*.json` (not `*.expected.json`) in name order. */
export function scenarioFiles(paths: string[]): string[] {
  return paths.flatMap((p) => {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch (error) {
      throw new LoadError(`${p}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    if (!isDir) return [p];
    const files = readdirSync(p)
      .filter((f) => f.endsWith('.json') && !f.endsWith(EXPECTED))
      .sort()
      .map((f) => join(p, f));
    if (!files.length) throw new LoadError(`${p}: no scenario files (*.json) in this directory`);
    return files;
  });
}

export function loadScenario(file: string): LoadedScenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new LoadError(`${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let scenario: Scenario;
  try {
    scenario = parseScenarioText(text);
  } catch (error) {
    if (error instanceof ScenarioError) throw new LoadError(`${file}: ${error.message}`);
    throw error;
  }
  const expectedFile = file.replace(/\.json$/, EXPECTED);
  let hasExpected = false;
  try {
    hasExpected = statSync(expectedFile).isFile();
  } catch {
    hasExpected = false;
  }
  return { name: basename(file).replace(/\.json$/, ''), file, scenario, ...(hasExpected ? { expectedFile } : {}) };
}

export const loadScenarios = (paths: string[]) => scenarioFiles(paths).map(loadScenario);

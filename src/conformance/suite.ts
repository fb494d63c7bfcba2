import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario } from '../schema/parseScenario.js';
import type { ScenarioInput } from '../schema/scenario.js';
import { type CoverageReport, runWithCoverage, summarize } from './coverage.js';
import { SUITE_CATALOGUE } from './suiteCatalogue.js';
import { buildUniverse } from './universe.js';

export interface SuiteCase {
  name: string;
  scenario: ScenarioInput;
  /** `{ results }`: the simulator's output for the scenario (SPEC section 8). */
  expected: { results: unknown[] };
}

export interface Suite {
  cases: SuiteCase[];
  coverage: CoverageReport;
}

/** The generated suite: the catalogue's scenarios with the simulator's outputs and their coverage. */
export async function generateSuite(): Promise<Suite> {
  const universe = buildUniverse();
  const runs = [];
  const cases: SuiteCase[] = [];
  for (const { name, scenario } of SUITE_CATALOGUE) {
    const run = await runWithCoverage(name, parseScenario(scenario), universe);
    runs.push(run);
    cases.push({ name, scenario, expected: { results: run.results } });
  }
  return { cases, coverage: summarize(runs, universe) };
}

const json = (v: unknown) => JSON.stringify(v, null, 2) + '\n';

/** Writes `NAME.json` and `NAME.expected.json` per case; returns the bytes written. */
export function writeSuite(suite: Suite, dir: string): number {
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  for (const c of suite.cases) {
    const input = json(c.scenario);
    const expected = json(c.expected);
    writeFileSync(join(dir, `${c.name}.json`), input);
    writeFileSync(join(dir, `${c.name}.expected.json`), expected);
    bytes += Buffer.byteLength(input) + Buffer.byteLength(expected);
  }
  return bytes;
}

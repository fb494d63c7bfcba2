import { type CoverageReport, runWithCoverage, summarize } from '../../src/conformance/coverage.js';
import { allMachines, buildUniverse, type Universe } from '../../src/conformance/universe.js';
import { ScenarioError, parseScenarioText } from '../../src/schema/parseScenario.js';
import { oneLine } from './text.js';

// docs/spec.md, bundled at build time (viz/build.ts): its rule ids are what there is to cover.
declare const __SPEC_TEXT__: string;

let universe: Universe | null = null;
const theUniverse = () => (universe ??= buildUniverse(allMachines(), __SPEC_TEXT__));

export interface NamedText {
  name: string;
  text: string;
}

/**
 * Coverage of scenarios computed in the page with the CLI's own code (`mapi-logon coverage`):
 * each scenario runs on xstate with the collector, the runs are summed against the machines and
 * the spec. A bad scenario throws with its name.
 */
export async function coverageOf(scenarios: NamedText[]): Promise<CoverageReport> {
  if (!scenarios.length) throw new Error('no scenarios to cover');
  const runs = [];
  for (const { name, text } of scenarios) {
    let scenario;
    try {
      scenario = parseScenarioText(text);
    } catch (e) {
      throw new Error(oneLine(`${name}: ${e instanceof ScenarioError ? e.message : String(e)}`));
    }
    runs.push(await runWithCoverage(name, scenario, theUniverse()));
  }
  return summarize(runs, theUniverse());
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCounts = (v: unknown): v is Record<string, number> => isRecord(v) && Object.values(v).every((n) => Number.isInteger(n) && (n as number) >= 0);

/** Looks like `mapi-logon coverage --json` output rather than a scenario (whose `calls` is a list, a report's a number). */
export const looksLikeReport = (v: unknown) => isRecord(v) && 'nodes' in v && 'edges' in v && !Array.isArray(v.calls);

/** A coverage report read from a file or a link, checked where the view reads it. */
export function parseReport(value: unknown, name: string): CoverageReport {
  const bad = (what: string) => new Error(oneLine(`${name}: not a coverage report of mapi-logon coverage --json (${what})`));
  if (!isRecord(value)) throw bad('not a JSON object');
  if (!isRecord(value.nodes) || !isCounts(value.nodes.counts)) throw bad('nodes.counts is missing or not whole counts');
  if (!isRecord(value.edges)) throw bad('edges is missing');
  for (const [kind, tally] of Object.entries(value.edges)) {
    if (!isRecord(tally) || !isCounts(tally.counts)) throw bad(`edges.${kind}.counts is missing or not whole counts`);
  }
  return value as unknown as CoverageReport;
}

/** Every edge count of a report, whatever its kind (drawn, extension, other). */
export function edgeCounts(report: CoverageReport): Map<string, number> {
  return new Map(Object.values(report.edges).flatMap((t) => Object.entries(t.counts)));
}

import type { Scenario } from '../schema/scenario.js';
import { traceScenario } from '../simulator/runScenario.js';
import { type CallCoverage, createCollector, emptyCallCoverage } from './collect.js';
import { outcomeRules } from './outcomeRules.js';
import { asArray, asRecord, callContexts, providersOf, strings } from './results.js';
import { buildUniverse, type EdgeKind, type Universe } from './universe.js';

/** Rule ids no scenario can exercise, and why (the suite and the coverage report list them). */
export const UNREACHABLE_RULES: Readonly<Record<string, string>> = {
  'M-R1': 'a scenario runs its calls one after another: two logons never contend for the mutex',
  'M-R2': 'the short timeout needs a logon waiting on the mutex, which sequential calls never do',
  'M-R3': "a logon from inside a provider's or dialog's callback: a scenario's providers and dialogs are scripted answers, they make no calls",
  'C-R10': 'outcomes are HRESULT names: a throwing, hanging or non-HRESULT provider, or a throwing dialog, is not expressible in the format (the API can)',
  'D-R2': 'the simulator lets the spooler start (D2) finish before the next call, so no read or logoff ever waits',
  'D-R5': 'what an ended session keeps in memory shows in no result',
  'V-R5': 'a malformed scenario is rejected before anything runs: it has no results to compare (the CLI tests check it)',
  'V-R6': 'same as V-R5: bad input to the parser, not a call',
};

/** Edges no scenario can take, and why (by edge key; keys the machines do not have are ignored). */
export const UNREACHABLE_EDGES: Readonly<Record<string, string>> = {
  'D2 last uninitialize→D4': 'MAPI shutting down during the spooler start: the simulator lets D2 finish before the next call (D-R2), so an uninitialize never meets a running D2',
};

/** How the transitions were read: from xstate's microstep events, or rebuilt from the results' paths. */
export type CoverageSource = 'transitions' | 'paths';

export interface ScenarioRun {
  name: string;
  results: unknown[];
  calls: CallCoverage[];
  source: CoverageSource;
}

const bump = (m: Map<string, number>, k: string, by = 1) => m.set(k, (m.get(k) ?? 0) + by);

/** Nodes and edges rebuilt from a result's paths (A, C and B ids), when no transitions were seen. */
function fromPaths(universe: Universe, result: unknown, into: CallCoverage) {
  const r = asRecord(result);
  const paths = [strings(r.path), ...asArray(r.services).map((s) => strings(asRecord(s).path)), ...providersOf(r).flatMap((p) => p.paths)];
  for (const path of paths) {
    path.forEach((n, i) => {
      bump(into.nodes, n);
      const next = path[i + 1];
      if (!next) return;
      const edge = universe.edges.find((e) => e.from === n && e.to === next);
      if (edge) {
        bump(into.edges, edge.key);
        edge.rules.forEach((x) => into.rules.add(x));
      }
    });
  }
}

/** Runs one scenario on xstate with an inspector and returns what each call exercised. */
export async function runWithCoverage(name: string, scenario: Scenario, universe: Universe = buildUniverse()): Promise<ScenarioRun> {
  const collector = createCollector();
  const steps = await traceScenario(scenario, {
    interpreter: 'xstate',
    inspect: collector.inspect,
    onCall: (phase) => {
      if (phase === 'before') collector.beginCall();
    },
  });
  const results = steps.map((s) => s.result);
  const source: CoverageSource = collector.transitionsStripped ? 'paths' : 'transitions';
  const contexts = callContexts(scenario, results);
  const calls = results.map((result, i) => {
    const c = collector.perCall[i] ?? emptyCallCoverage();
    if (source === 'paths') fromPaths(universe, result, c);
    outcomeRules(scenario, contexts[i]!, result).forEach((x) => c.rules.add(x));
    return c;
  });
  return { name, results, calls, source };
}

export interface Tally {
  covered: number;
  total: number;
  missing: string[];
  /** How often each item was taken, over all scenarios. */
  counts: Record<string, number>;
}

export interface CoverageReport {
  scenarios: number;
  calls: number;
  source: CoverageSource;
  nodes: Tally;
  edges: Record<EdgeKind, Tally>;
  /** Over the rules a scenario can reach; `unreachable` says why the others cannot be. */
  rules: Tally;
  unreachable: Record<string, string>;
  /** Edges left out of the edge tallies, and why. */
  unreachableEdges: Record<string, string>;
}

function tally(all: string[], counts: Map<string, number>): Tally {
  const seen = all.filter((x) => (counts.get(x) ?? 0) > 0);
  return { covered: seen.length, total: all.length, missing: all.filter((x) => !counts.get(x)), counts: Object.fromEntries(all.map((x) => [x, counts.get(x) ?? 0])) };
}

/** Adds up the runs against everything the machines and the spec define. */
export function summarize(runs: ScenarioRun[], universe: Universe = buildUniverse()): CoverageReport {
  const nodes = new Map<string, number>();
  const edges = new Map<string, number>();
  const rules = new Map<string, number>();
  for (const run of runs) {
    for (const c of run.calls) {
      c.nodes.forEach((n, k) => bump(nodes, k, n));
      c.edges.forEach((n, k) => bump(edges, k, n));
      c.rules.forEach((k) => bump(rules, k));
    }
  }
  const kinds: EdgeKind[] = ['drawn', 'extension', 'other'];
  const reachable = universe.rules.filter((r) => !(r in UNREACHABLE_RULES));
  return {
    scenarios: runs.length,
    calls: runs.reduce((n, r) => n + r.results.length, 0),
    source: runs.some((r) => r.source === 'paths') ? 'paths' : 'transitions',
    nodes: tally(universe.nodes, nodes),
    edges: Object.fromEntries(
      kinds.map((k) => [k, tally(universe.edges.filter((e) => e.kind === k && !(e.key in UNREACHABLE_EDGES)).map((e) => e.key), edges)]),
    ) as Record<EdgeKind, Tally>,
    rules: tally(reachable, rules),
    unreachable: Object.fromEntries(universe.rules.filter((r) => r in UNREACHABLE_RULES).map((r) => [r, UNREACHABLE_RULES[r]!])),
    unreachableEdges: Object.fromEntries(universe.edges.filter((e) => e.key in UNREACHABLE_EDGES).map((e) => [e.key, UNREACHABLE_EDGES[e.key]!])),
  };
}

const pct = (t: Tally) => (t.total ? `${((100 * t.covered) / t.total).toFixed(1).replace(/\.0$/, '')}%` : '-');
const line = (label: string, t: Tally) =>
  `${label.padEnd(16)} ${`${t.covered}/${t.total}`.padStart(7)} ${pct(t).padStart(6)}${t.missing.length ? `  missing: ${t.missing.join(', ')}` : ''}`;

export function formatCoverage(report: CoverageReport): string {
  return [
    `coverage of ${report.scenarios} scenario${report.scenarios === 1 ? '' : 's'} (${report.calls} calls)`,
    line('nodes', report.nodes),
    line('drawn edges', report.edges.drawn),
    line('extension edges', report.edges.extension),
    line('other edges', report.edges.other),
    line('rule ids', report.rules),
    `not reachable by a scenario: ${[...Object.keys(report.unreachable), ...Object.keys(report.unreachableEdges)].join(', ') || 'none'}`,
    ...Object.entries({ ...report.unreachable, ...report.unreachableEdges }).map(([r, why]) => `  ${r}: ${why}`),
    report.source === 'transitions'
      ? "transitions read from xstate's @xstate.microstep inspection events"
      : 'transitions rebuilt from the results\' paths (the inspector gave no _transitions)',
  ].join('\n') + '\n';
}

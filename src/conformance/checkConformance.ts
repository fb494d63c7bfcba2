import fc from 'fast-check';
import { arbSession } from '../arbitraries/session.js';
import { parseScenario } from '../schema/parseScenario.js';
import type { ScenarioInput } from '../schema/scenario.js';
import { traceScenario } from '../simulator/runScenario.js';
import type { MapiSubsystem, MapiSubsystemOptions } from '../subsystem/createMapiSubsystem.js';
import { firstDifference } from './diff.js';

/** Builds the implementation under test from the options the reference gets (profiles, providers, dialogs). */
export type SubsystemFactory = (options: MapiSubsystemOptions) => MapiSubsystem;

export interface ConformanceOptions {
  /** Generated scenarios to run (default 200). */
  numRuns?: number;
  seed?: number;
  /** Scenarios to draw from (default: profiles of 1-4 services × 1-4 providers and 1-12 calls from four clients). */
  scenarios?: fc.Arbitrary<ScenarioInput>;
}

export interface Divergence {
  /** The shrunk scenario: run it with `mapi-logon simulate` to see the reference's answer. */
  scenario: ScenarioInput;
  /** Index of the first call whose result differs. */
  call: number;
  field: string;
  expected: unknown;
  actual: unknown;
}

export interface ConformanceReport {
  ok: boolean;
  runs: number;
  seed: number;
  divergence?: Divergence;
  /** A readable account: the call, the field, both values, and the minimal scenario. */
  message: string;
}

/** The first call whose result differs between the reference (the machines) and `create`. */
export async function compareOnScenario(create: SubsystemFactory, scenarioInput: ScenarioInput): Promise<Omit<Divergence, 'scenario'> | null> {
  const scenario = parseScenario(scenarioInput);
  const reference = await traceScenario(scenario);
  let tested;
  try {
    tested = await traceScenario(scenario, { create });
  } catch (error) {
    return { call: -1, field: '(the implementation threw)', expected: 'no exception', actual: String(error) };
  }
  for (let i = 0; i < reference.length; i++) {
    const d = firstDifference(reference[i]!.result, tested[i]?.result);
    if (d) return { call: i, field: d.path, expected: d.expected, actual: d.actual };
  }
  return null;
}

/**
 * Runs generated scenarios against an implementation of the subsystem's API, with the machines as
 * the oracle, and reports the first divergence shrunk to a minimal scenario.
 */
export async function checkConformance(create: SubsystemFactory, options: ConformanceOptions = {}): Promise<ConformanceReport> {
  const scenarios = options.scenarios ?? (arbSession as fc.Arbitrary<ScenarioInput>);
  const property = fc.asyncProperty(scenarios, async (s) => (await compareOnScenario(create, s)) === null);
  const result = await fc.check(property, { numRuns: options.numRuns ?? 200, ...(options.seed !== undefined ? { seed: options.seed } : {}) });
  if (!result.failed) {
    return { ok: true, runs: result.numRuns, seed: result.seed, message: `conforms on ${result.numRuns} generated scenarios (seed ${result.seed})` };
  }
  const scenario = result.counterexample![0] as ScenarioInput;
  const d = (await compareOnScenario(create, scenario))!;
  const call = scenario.calls[d.call];
  const message = [
    `diverges from the machines at call ${d.call + 1}${call ? ` (${JSON.stringify(call)})` : ''}:`,
    `  ${d.field}: expected ${JSON.stringify(d.expected)}, got ${JSON.stringify(d.actual)}`,
    `minimal scenario (seed ${result.seed}, shrunk ${result.numShrinks} times; run it with \`mapi-logon simulate\`):`,
    JSON.stringify(scenario, null, 2),
  ].join('\n');
  return { ok: false, runs: result.numRuns, seed: result.seed, divergence: { scenario, ...d }, message };
}

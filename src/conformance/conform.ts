import { readFileSync } from 'node:fs';
import { parseScenario } from '../schema/parseScenario.js';
import type { Scenario } from '../schema/scenario.js';
import { traceScenario } from '../simulator/runScenario.js';
import { type Attribution, attributeCall } from './attribute.js';
import { ExternalImplementation } from './external.js';
import type { LoadedScenario } from './loadScenarios.js';
import { callContexts } from './results.js';
import { ddmin } from './shrink.js';
import type { SuiteCase } from './suite.js';

/** One scenario to run: its input and the reference's results (SPEC section 8). */
export interface ConformCase {
  name: string;
  scenario: Scenario;
  expected: unknown[];
}

export interface CallDivergence extends Attribution {
  /** 0-based index of the first call whose results differ. */
  call: number;
}

export interface RuleDivergence extends CallDivergence {
  /** The scenario where this rule diverged first (suite order). */
  scenario: string;
  /** Every scenario whose first divergence is this rule. */
  scenarios: string[];
  /** The smallest scenario found that still diverges on this rule, and its divergence. */
  shrunk?: { scenario: Scenario; divergence: CallDivergence; calls: [number, number]; runs: number };
}

export interface ImplementationFailure {
  scenario: string;
  reason: 'timeout' | 'crash' | 'garbage' | 'error';
  detail: string;
}

export interface ConformReport {
  ok: boolean;
  command: string;
  scenarios: number;
  conforming: number;
  divergences: RuleDivergence[];
  failures: ImplementationFailure[];
}

export interface ConformOptions {
  timeoutMs?: number;
  /** Implementation runs allowed per shrink (default 300); 0 skips shrinking. */
  shrinkRuns?: number;
  cwd?: string;
}

/** The first call whose results differ, named after the rule that decides the field. */
export function firstDivergence(scenario: Scenario, expected: unknown[], actual: unknown[]): CallDivergence | null {
  const contexts = callContexts(scenario, expected);
  for (let i = 0; i < expected.length; i++) {
    const a = attributeCall(scenario, contexts[i]!, expected[i], actual[i]);
    if (a) return { ...a, call: i };
  }
  if (actual.length > expected.length) {
    return { rule: 'protocol', field: `results[${expected.length}]`, expected: undefined, actual: actual[expected.length], why: 'more results than calls', call: expected.length };
  }
  return null;
}

/** The scenario as sent on the wire: every default filled in, no `$schema`. */
export const wireScenario = ({ $schema: _schema, ...rest }: Scenario) => rest;

const reference = async (scenario: Scenario) => (await traceScenario(scenario)).map((s) => s.result);

/** Shrinks a diverging scenario by calls, profiles, services, providers and dialog answers while the same rule still diverges. */
async function shrink(impl: ExternalImplementation, name: string, scenario: Scenario, rule: string, maxRuns: number): Promise<RuleDivergence['shrunk']> {
  const budget = { left: maxRuns };
  let best = scenario;
  let bestDivergence: CallDivergence | null = null;
  const still = async (candidate: Scenario): Promise<boolean> => {
    let parsed: Scenario;
    try {
      parsed = parseScenario(JSON.parse(JSON.stringify(candidate)));
    } catch {
      return false; // a cut that leaves an invalid scenario (e.g. a picker answer naming no profile)
    }
    const answer = await impl.run(`${name}~shrink`, wireScenario(parsed));
    if (!answer.ok) return false;
    const d = firstDivergence(parsed, await reference(parsed), answer.results);
    if (d?.rule !== rule) return false;
    best = parsed;
    bestDivergence = d;
    return true;
  };
  // Each pass cuts from the scenario as the previous pass left it (ids index into that `base`).
  let base = best;
  await ddmin(base.calls.map((_, i) => i), (keep) => still({ ...base, calls: keep.map((i) => base.calls[i]!) }), budget);
  base = best;
  await ddmin(base.profiles.map((_, i) => i), (keep) => still({ ...base, profiles: keep.map((i) => base.profiles[i]!) }), budget);
  base = best;
  const serviceIds = base.profiles.flatMap((p, pi) => p.services.map((_, si) => `${pi}/${si}`));
  await ddmin(serviceIds, (keep) => {
    const profiles = base.profiles.map((p, pi) => ({ ...p, services: p.services.filter((_, si) => keep.includes(`${pi}/${si}`)) }));
    return still({ ...base, profiles });
  }, budget);
  base = best;
  const providerIds = base.profiles.flatMap((p, pi) => p.services.flatMap((s, si) => s.providers.map((_, qi) => `${pi}/${si}/${qi}`)));
  await ddmin(providerIds, (keep) => {
    const profiles = base.profiles.map((p, pi) => ({
      ...p,
      services: p.services.map((s, si) => ({ ...s, providers: s.providers.filter((_, qi) => keep.includes(`${pi}/${si}/${qi}`)) })),
    }));
    return still({ ...base, profiles });
  }, budget);
  base = best;
  const answerIds = base.calls.flatMap((c, ci) => (c.op === 'logon' ? Object.entries(c.answers).flatMap(([kind, list]) => (list ?? []).map((_, j) => `${ci}/${kind}/${j}`)) : []));
  await ddmin(answerIds, (keep) => {
    const calls = base.calls.map((c, ci) => {
      if (c.op !== 'logon') return c;
      const answers = Object.fromEntries(Object.entries(c.answers).map(([kind, list]) => [kind, (list ?? []).filter((_, j) => keep.includes(`${ci}/${kind}/${j}`))]));
      return { ...c, answers };
    });
    return still({ ...base, calls: calls as Scenario['calls'] });
  }, budget);
  if (!bestDivergence) {
    // Nothing could be cut: the divergence of the scenario as it is.
    const answer = await impl.run(`${name}~shrink`, wireScenario(scenario));
    if (!answer.ok) return undefined;
    bestDivergence = firstDivergence(scenario, await reference(scenario), answer.results);
    if (!bestDivergence) return undefined;
  }
  // The description spoke of the whole scenario, not of what is left.
  const { description: _description, ...shrunkScenario } = best;
  return { scenario: shrunkScenario, divergence: bestDivergence, calls: [scenario.calls.length, best.calls.length], runs: maxRuns - budget.left };
}

/** Runs the cases against the command and reports, per rule id, the first divergence, shrunk. */
export async function conform(command: string, cases: ConformCase[], options: ConformOptions = {}): Promise<ConformReport> {
  const impl = new ExternalImplementation(command, options.timeoutMs ?? 10_000, options.cwd);
  const byRule = new Map<string, RuleDivergence>();
  const failures: ImplementationFailure[] = [];
  let conforming = 0;
  try {
    for (const c of cases) {
      const answer = await impl.run(c.name, wireScenario(c.scenario));
      if (!answer.ok) {
        failures.push({ scenario: c.name, reason: answer.reason, detail: answer.detail });
        continue;
      }
      const d = firstDivergence(c.scenario, c.expected, answer.results);
      if (!d) {
        conforming++;
        continue;
      }
      const known = byRule.get(d.rule);
      if (known) known.scenarios.push(c.name);
      else byRule.set(d.rule, { ...d, scenario: c.name, scenarios: [c.name] });
    }
    const shrinkRuns = options.shrinkRuns ?? 300;
    if (shrinkRuns > 0) {
      for (const d of byRule.values()) {
        const c = cases.find((x) => x.name === d.scenario)!;
        const shrunk = await shrink(impl, c.name, c.scenario, d.rule, shrinkRuns);
        if (shrunk) d.shrunk = shrunk;
      }
    }
  } finally {
    await impl.close();
  }
  const divergences = [...byRule.values()];
  return { ok: divergences.length === 0 && failures.length === 0, command, scenarios: cases.length, conforming, divergences, failures };
}

/** Cases from the generated suite. */
export const casesFromSuite = (cases: SuiteCase[]): ConformCase[] =>
  cases.map((c) => ({ name: c.name, scenario: parseScenario(c.scenario), expected: c.expected.results }));

/** Cases from files: the expected results beside each (`NAME.expected.json`), else the simulator's. */
export async function casesFromFiles(files: LoadedScenario[]): Promise<ConformCase[]> {
  const out: ConformCase[] = [];
  for (const f of files) {
    let expected: unknown[];
    if (f.expectedFile) {
      const parsed = JSON.parse(readFileSync(f.expectedFile, 'utf8')) as { results?: unknown };
      if (!Array.isArray(parsed.results)) throw new Error(`${f.expectedFile}: expected {"results": [...]}`);
      expected = parsed.results;
    } else expected = await reference(f.scenario);
    out.push({ name: f.name, scenario: f.scenario, expected });
  }
  return out;
}

const show = (v: unknown) => (v === undefined ? '(nothing)' : JSON.stringify(v));

/** The report as text: per rule id, the first divergence with both values, and the shrunk scenario. */
export function formatConformReport(r: ConformReport): string {
  const lines: string[] = [];
  const diverging = r.scenarios - r.conforming - r.failures.length;
  lines.push(`conform: ${r.scenarios} scenarios against \`${r.command}\`: ${r.conforming} conform, ${diverging} diverge, ${r.failures.length} failed to run`);
  for (const d of r.divergences) {
    lines.push('');
    lines.push(`${d.rule}: first in ${d.scenario}, call ${d.call + 1}: ${d.field}: expected ${show(d.expected)}, got ${show(d.actual)} (${d.why})`);
    if (d.scenarios.length > 1) lines.push(`  also first divergence of: ${d.scenarios.slice(1).join(', ')}`);
    if (d.shrunk) {
      const s = d.shrunk;
      lines.push(`  shrunk to ${s.calls[1]} of ${s.calls[0]} calls (${s.runs} runs): call ${s.divergence.call + 1}: ${s.divergence.field}: expected ${show(s.divergence.expected)}, got ${show(s.divergence.actual)}`);
      lines.push(`    ${JSON.stringify(wireScenario(s.scenario))}`);
    }
  }
  if (r.failures.length) {
    lines.push('');
    lines.push('the implementation failed to answer:');
    for (const f of r.failures) lines.push(`  ${f.scenario}: ${f.reason}: ${f.detail}`);
  }
  lines.push('');
  lines.push(r.ok ? 'conforms: every scenario gave the expected results' : `does not conform: ${r.divergences.length} rule id${r.divergences.length === 1 ? '' : 's'} diverge${r.divergences.length === 1 ? 's' : ''}${r.failures.length ? `, ${r.failures.length} scenario${r.failures.length === 1 ? '' : 's'} failed to run` : ''}`);
  return lines.join('\n') + '\n';
}

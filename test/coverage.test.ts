import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InspectionEvent } from 'xstate';
import { describe, expect, it } from 'vitest';
import { createCollector } from '../src/conformance/collect.js';
import { type CoverageReport, UNREACHABLE_RULES, runWithCoverage, summarize } from '../src/conformance/coverage.js';
import { allMachines, buildUniverse, readSpecText, specRuleIds } from '../src/conformance/universe.js';
import { parseScenario } from '../src/schema/parseScenario.js';
import { runCli } from './helpers/builtSources.js';

const root = join(import.meta.dirname, '..');
const universe = buildUniverse();

describe('what a scenario set can cover, read from the machines and the spec', () => {
  it('every flowchart node A1-A15, B1-B14, C1-C8, D1-D5, from meta.node of the exported machines', () => {
    const expected = [
      ...Array.from({ length: 15 }, (_, i) => `A${i + 1}`),
      ...Array.from({ length: 14 }, (_, i) => `B${i + 1}`),
      ...Array.from({ length: 8 }, (_, i) => `C${i + 1}`),
      ...Array.from({ length: 5 }, (_, i) => `D${i + 1}`),
    ];
    expect(universe.nodes).toEqual(expected);
  });

  it("the 18 drawn edges of A and the 14 of B (SPEC 2, 4) are drawn edges; A-R3, A-R4, B-R1, B-R4's edges are extensions", () => {
    const drawn = universe.edges.filter((e) => e.kind === 'drawn').map((e) => e.key);
    for (const e of ['A1 yes→A4', 'A1 no→A2', 'A2 yes→A3', 'A13 no→A15', 'A14→A12', 'B1→B2', 'B13 no→B8', 'B13 yes→B14']) expect(drawn).toContain(e);
    expect(drawn.filter((k) => k.startsWith('A'))).toHaveLength(18);
    expect(drawn.filter((k) => k.startsWith('B'))).toHaveLength(14); // and B2 no→B6, B-R1's extension
    const extensions = universe.edges.filter((e) => e.kind === 'extension').map((e) => e.extension);
    expect(new Set(extensions)).toEqual(new Set(['A-R3', 'A-R4', 'B-R1', 'B-R4']));
  });

  it("the rule ids are the spec's **X-Rn** ids (and any a machine names)", () => {
    const spec = specRuleIds(readSpecText());
    expect(spec).toEqual(expect.arrayContaining(['A-R1', 'B-R4', 'C-R10', 'D-R5', 'M-R2', 'S-R4', 'T-R4', 'V-R6']));
    expect(universe.rules).toEqual(expect.arrayContaining(spec));
    expect(specRuleIds('**A-R1** x **C-R5 (the two-failure rule; v2)** y **A-R1**')).toEqual(['A-R1', 'C-R5']);
  });
});

describe('coverage from the runs', () => {
  const scenario = parseScenario(JSON.parse(readFileSync(join(root, 'examples/scenarios/two-failure-rule.json'), 'utf8')));

  it("reads each transition with its edge and rule from xstate's microstep events", async () => {
    const run = await runWithCoverage('two-failure-rule', scenario, universe);
    expect(run.source).toBe('transitions');
    const logon = run.calls[1]!;
    expect([...logon.nodes.keys()]).toEqual(expect.arrayContaining(['A1', 'A2', 'A4', 'A5', 'A11', 'A12', 'C1', 'C3', 'C6', 'C7', 'B1', 'B5']));
    expect([...logon.edges.keys()]).toEqual(expect.arrayContaining(['A1 no→A2', 'A2 no→A4', 'A11 yes→A12', 'C3 1st failure→C6', 'C6 retry→C3', 'C3 2nd failure→C7']));
    expect([...logon.rules]).toEqual(expect.arrayContaining(['A-R5', 'C-R5', 'C-R6']));
    // The initialize call runs no machine: nothing but S-R1 from its result.
    expect([...run.calls[0]!.nodes.keys()]).toEqual([]);
    expect([...run.calls[0]!.rules]).toEqual(['S-R1']);
  });

  it('falls back on the paths of the results when the inspection events carry no transitions', async () => {
    const collector = createCollector(allMachines());
    collector.beginCall();
    collector.inspect({ type: '@xstate.microstep', actorRef: { sessionId: 'x' }, snapshot: {} } as unknown as InspectionEvent);
    expect(collector.transitionsStripped).toBe(true);
    const full = await runWithCoverage('two-failure-rule', scenario, universe);
    expect(full.source).toBe('transitions');
  });

  it('a set of scenarios: counts per node and edge, missing items, rules a scenario cannot reach set apart', async () => {
    const report: CoverageReport = summarize([await runWithCoverage('two-failure-rule', scenario, universe)], universe);
    expect(report.nodes.total).toBe(universe.nodes.length);
    expect(report.nodes.counts.C7).toBeGreaterThan(0);
    expect(report.nodes.missing).toContain('A9');
    expect(report.nodes.covered + report.nodes.missing.length).toBe(report.nodes.total);
    expect(Object.keys(report.unreachable)).toEqual(expect.arrayContaining(['M-R1', 'M-R2', 'C-R10']));
    for (const r of Object.keys(UNREACHABLE_RULES)) expect(report.rules.missing).not.toContain(r);
  });
});

describe('mapi-logon coverage (CLI)', () => {
  const cli = runCli;

  it('prints the coverage of examples/scenarios with the missing items; --json as data', () => {
    const text = cli('coverage', join(root, 'examples/scenarios'));
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^coverage of \d+ scenarios \(\d+ calls\)\nnodes +\d+\/42 /);
    expect(text.stdout).toMatch(/rule ids +\d+\/\d+/);
    // The README's claim: the examples reach every node, edge and reachable rule id.
    for (const line of text.stdout.split('\n').filter((l) => /^(nodes|drawn edges|extension edges|other edges|rule ids) /.test(l))) {
      expect(line).toMatch(/ 100%/);
    }
    expect(text.stdout).toMatch(/not reachable by a scenario: .*M-R1/);
    const json = cli('coverage', '--json', join(root, 'examples/scenarios/two-failure-rule.json'));
    expect(json.status).toBe(0);
    const report = JSON.parse(json.stdout) as CoverageReport;
    expect(report.scenarios).toBe(1);
    expect(report.nodes.counts.A1).toBeGreaterThan(0);
  });

  it('a bad file exits 2 naming it', () => {
    const r = cli('coverage', join(root, 'no-such-dir'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no-such-dir: cannot read \(ENOENT\)/);
  });
});

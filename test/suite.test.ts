import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { UNREACHABLE_RULES } from '../src/conformance/coverage.js';
import { type Suite, generateSuite } from '../src/conformance/suite.js';
import { runScenario } from '../src/simulator/runScenario.js';
import { runCli } from './helpers/builtSources.js';

let suite: Suite;
beforeAll(async () => {
  suite = await generateSuite();
});

describe('the generated conformance suite', () => {
  it('reaches 100% of the nodes, of the reachable edges of every kind and of the reachable rule ids', () => {
    const c = suite.coverage;
    expect(c.source).toBe('transitions');
    expect(c.nodes.missing).toEqual([]);
    expect(c.edges.drawn.missing).toEqual([]);
    expect(c.edges.extension.missing).toEqual([]);
    expect(c.edges.other.missing).toEqual([]);
    expect(c.rules.missing).toEqual([]);
    expect(c.nodes.total).toBe(42);
  });

  it('says which rule ids no scenario can reach, and why', () => {
    expect(Object.keys(suite.coverage.unreachable)).toEqual(expect.arrayContaining(['C-R10', 'D-R2', 'D-R5', 'M-R1', 'M-R2', 'V-R5', 'V-R6']));
    for (const why of Object.values(suite.coverage.unreachable)) expect(why.length).toBeGreaterThan(20);
    // Only rules the spec has are set apart, and every other rule of the spec is reached (the test above).
    for (const rule of Object.keys(suite.coverage.unreachable)) expect(UNREACHABLE_RULES[rule]).toBeDefined();
  });

  it('is small and deterministic: one scenario per rule, each named after it, the same on every run', async () => {
    expect(suite.cases.length).toBeLessThanOrEqual(50);
    const calls = suite.cases.reduce((n, c) => n + c.scenario.calls.length, 0);
    expect(calls).toBeLessThanOrEqual(200);
    for (const c of suite.cases) expect(c.name).toMatch(/^[A-Z]-R\d+-[a-z0-9-]+$/);
    expect(new Set(suite.cases.map((c) => c.name)).size).toBe(suite.cases.length);
    const again = await generateSuite();
    expect(JSON.stringify(again.cases)).toBe(JSON.stringify(suite.cases));
  });

  it("each expected output is the simulator's output for its scenario (SPEC section 8)", async () => {
    for (const c of suite.cases) expect(c.expected).toEqual(await runScenario(c.scenario));
  });
});

describe('mapi-logon suite --out DIR', () => {
  it('writes NAME.json and NAME.expected.json per scenario and prints the size and the coverage', () => {
    const out = mkdtempSync(join(tmpdir(), 'mapi-logon-suite-'));
    const r = runCli('suite', '--out', out);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^suite: ${suite.cases.length} scenarios, \\d+ calls, [\\d.]+ KiB in `));
    expect(r.stdout).toMatch(/nodes +42\/42 +100%/);
    expect(r.stdout).toMatch(/rule ids +(\d+)\/\1 +100%/);
    const files = readdirSync(out).sort();
    expect(files).toHaveLength(2 * suite.cases.length);
    const first = suite.cases[0]!;
    expect(JSON.parse(readFileSync(join(out, `${first.name}.json`), 'utf8'))).toEqual(first.scenario);
    expect(JSON.parse(readFileSync(join(out, `${first.name}.expected.json`), 'utf8'))).toEqual(first.expected);
  });

  it('without --out exits 2', () => {
    const r = runCli('suite');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--out/);
  });
});

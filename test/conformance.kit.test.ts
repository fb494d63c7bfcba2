import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConformCase, casesFromSuite, conform, formatConformReport } from '../src/conformance/conform.js';
import { generateSuite } from '../src/conformance/suite.js';
import { builtSource, runCli } from './helpers/builtSources.js';

const root = join(import.meta.dirname, '..');
const tmp = mkdtempSync(join(tmpdir(), 'mapi-logon-conform-'));
// Adapters run as plain node on this run's compiled sources (a tsx start costs more CPU than the kit's work).
const nodeFile = (file: string) => `"${process.execPath}" "${file}"`;
const simulatorAdapter = nodeFile(builtSource('examples/conformance/simulator-adapter.ts'));
const hasPython = spawnSync('python3', ['--version']).status === 0;

/**
 * An adapter around the simulator with one rule broken in the subsystem's answers, for checking
 * that the report names that rule (and only it).
 */
const brokenAdapter = (rule: 'D-R4' | 'T-R3' | 'V-R4') => {
  const file = join(tmp, `broken-${rule}.mjs`);
  writeFileSync(
    file,
    `import { createInterface } from 'node:readline';
import { runScenario } from ${JSON.stringify(builtSource('src/index.ts'))};
import { createMapiSubsystem } from ${JSON.stringify(builtSource('src/subsystem/createMapiSubsystem.ts'))};
const rule = ${JSON.stringify(rule)};
const wrap = (s) => ({
  id: s.id, get shared() { return s.shared; }, profile: s.profile, client: s.client,
  async logoff(flags) { const r = await s.logoff(flags); return rule === 'D-R4' ? { ...r, loggedOff: [...r.loggedOff].reverse() } : r; },
  async statusTable() { const r = await s.statusTable(); return rule === 'T-R3' ? { ...r, rows: [...r.rows.slice(0, 3), ...r.rows.slice(3).reverse()] } : r; },
  queryIdentity: () => s.queryIdentity(),
});
const create = (options) => {
  const real = createMapiSubsystem(options);
  return new Proxy(real, { get(target, key) {
    if (key !== 'logonEx') { const v = Reflect.get(target, key); return typeof v === 'function' ? v.bind(target) : v; }
    return async (p) => {
      const r = await target.logonEx(rule === 'V-R4' ? { ...p, password: null } : p);
      return r.session ? { ...r, session: wrap(r.session) } : r;
    };
  } });
};
for await (const line of createInterface({ input: process.stdin })) {
  const m = JSON.parse(line);
  const { results } = await runScenario(m.scenario, { create });
  process.stdout.write(JSON.stringify({ id: m.id, results }) + '\\n');
}
`,
  );
  return nodeFile(file);
};

let cases: ConformCase[];
beforeAll(async () => {
  cases = casesFromSuite((await generateSuite()).cases);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('mapi-logon conform: the runner', () => {
  it("the simulator's own adapter conforms on the whole generated suite (by construction)", async () => {
    const report = await conform(simulatorAdapter, cases, { cwd: root, timeoutMs: 60_000 });
    expect(report.failures).toEqual([]);
    expect(report.divergences).toEqual([]);
    expect(report).toMatchObject({ ok: true, conforming: cases.length });
    expect(formatConformReport(report)).toMatch(/conforms: every scenario/);
  });

  it.each(['D-R4', 'T-R3', 'V-R4'] as const)('an implementation with %s broken is reported against that rule only, shrunk to a scenario that still breaks it', async (rule) => {
    const report = await conform(brokenAdapter(rule), cases, { cwd: root, timeoutMs: 60_000, shrinkRuns: 60 });
    expect(report.failures).toEqual([]);
    expect(report.ok).toBe(false);
    expect(report.divergences.map((d) => d.rule)).toEqual([rule]);
    const d = report.divergences[0]!;
    expect(d.expected).not.toEqual(d.actual);
    expect(d.shrunk).toBeDefined();
    expect(d.shrunk!.divergence.rule).toBe(rule);
    expect(d.shrunk!.scenario.calls.length).toBeLessThanOrEqual(cases.find((c) => c.name === d.scenario)!.scenario.calls.length);
  });

  describe('an implementation that fails to answer gets a clear report, and the run goes on', () => {
    const two = () => cases.slice(0, 2);
    const node = (code: string) => `"${process.execPath}" -e ${JSON.stringify(code)}`;

    it('a crash: the exit code, then a fresh process for the next scenario', async () => {
      const report = await conform(node("process.stdin.once('data', () => { console.error('boom'); process.exit(3); })"), two(), { shrinkRuns: 0 });
      expect(report.ok).toBe(false);
      expect(report.failures.map((f) => f.reason)).toEqual(['crash', 'crash']);
      expect(report.failures[0]!.detail).toMatch(/exited with code 3.*stderr says: boom/);
    });

    it('garbage: a line that is not JSON, or another id', async () => {
      const notJson = await conform(node("process.stdin.on('data', () => console.log('hello'))"), two(), { shrinkRuns: 0 });
      expect(notJson.failures[0]).toMatchObject({ reason: 'garbage' });
      expect(notJson.failures[0]!.detail).toMatch(/not JSON: hello/);
      const wrongId = await conform(node("process.stdin.on('data', () => console.log(JSON.stringify({ id: 'x', results: [] })))"), two(), { shrinkRuns: 0 });
      expect(wrongId.failures[0]!.detail).toMatch(/answered id "x", expected "/);
    });

    it('an implementation that exits after each answer is started again, not reported', async () => {
      const oneShot = node("require('readline').createInterface({ input: process.stdin }).once('line', (l) => { process.stdout.write(JSON.stringify({ id: JSON.parse(l).id, results: [] }) + '\\n', () => process.exit(0)); })");
      const report = await conform(oneShot, cases.slice(0, 4), { shrinkRuns: 0 });
      expect(report.failures).toEqual([]);
      expect(report.divergences.map((d) => d.rule)).toEqual(['protocol']);
      expect(report.divergences[0]!.scenarios).toHaveLength(4);
    });

    it('a timeout per scenario', async () => {
      const report = await conform(node('process.stdin.resume(); setInterval(() => {}, 1000)'), two(), { shrinkRuns: 0, timeoutMs: 500 });
      expect(report.failures.map((f) => f.reason)).toEqual(['timeout', 'timeout']);
      expect(report.failures[0]!.detail).toMatch(/no answer within 500 ms/);
    });

    it('an error answer, and a command that does not exist', async () => {
      const error = await conform(node("require('readline').createInterface({ input: process.stdin }).on('line', (l) => console.log(JSON.stringify({ id: JSON.parse(l).id, error: 'not supported' })))"), two(), { shrinkRuns: 0 });
      expect(error.failures[0]).toMatchObject({ reason: 'error', detail: 'it reported an error: not supported' });
      const missing = await conform('./no-such-implementation', two(), { shrinkRuns: 0 });
      expect(missing.failures[0]).toMatchObject({ reason: 'crash' });
      expect(missing.failures[0]!.detail).toMatch(/exited with code 127/);
    });
  });
});

describe('examples/conformance/flowchart_a.py: flowchart A and the two-failure rule only', () => {
  // What the Python adapter leaves out on purpose (its docstring): each divergence must name one of these.
  const leftOut = ['V-R1', 'V-R2', 'V-R3', 'V-R4', 'S-R1', 'S-R2', 'S-R4', 'B-R1', 'B-R3', 'edge B4', 'C-R1', 'C-R2', 'C-R3', 'C-R4', 'C-R7', 'C-R9', 'A-R9', 'D-R1', 'D-R3', 'D-R4', 'T-R1', 'T-R2', 'T-R3', 'T-R4'];
  // What it implements: no divergence may name these.
  const implemented = ['A-R1', 'A-R2', 'A-R3', 'A-R4', 'A-R6', 'A-R7', 'C-R5'];

  it.skipIf(!hasPython)('is reported only against the rules it leaves out, never against A-R1…A-R7 or C-R5', async () => {
    const report = await conform(`python3 ${join(root, 'examples/conformance/flowchart_a.py')}`, cases, { cwd: root, timeoutMs: 60_000, shrinkRuns: 40 });
    expect(report.failures).toEqual([]);
    const rules = report.divergences.map((d) => d.rule);
    for (const rule of rules) expect(leftOut).toContain(rule);
    for (const rule of implemented) expect(rules).not.toContain(rule);
    // The plainly missing features are all seen.
    expect(rules).toEqual(expect.arrayContaining(['V-R1', 'V-R2', 'V-R3', 'V-R4', 'S-R1', 'S-R4', 'C-R7', 'C-R9', 'D-R3', 'D-R4']));
    // Scenarios about the rules it implements conform.
    const conforming = cases.filter((c) => !report.divergences.some((d) => d.scenarios.includes(c.name))).map((c) => c.name);
    expect(conforming).toEqual(expect.arrayContaining(['A-R1-join-shared', 'A-R2-profile-case', 'A-R3-profile-picker', 'A-R4-password', 'A-R6-explicit-profile', 'C-R5-silent-retry']));
    for (const d of report.divergences) {
      expect(d.shrunk?.divergence.rule).toBe(d.rule);
    }
  });

  it.runIf(!hasPython)('is skipped: python3 is not installed here', () => {
    console.warn('python3 not found: the flowchart_a.py conformance test is skipped');
  });
});

describe('mapi-logon conform (CLI)', () => {
  const cli = runCli;

  it('exit 0 when the implementation conforms on a directory of scenarios (the examples, expected outputs from the simulator)', () => {
    const r = cli('conform', '--exec', simulatorAdapter, join(root, 'examples/scenarios'));
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/\d+ conform, 0 diverge, 0 failed to run/);
    expect(r.status).toBe(0);
  });

  it.skipIf(!hasPython)('exit 1 and a per-rule report when it does not; --json gives the same report as data', () => {
    const r = cli('conform', '--exec', `python3 ${join(root, 'examples/conformance/flowchart_a.py')}`, '--shrink-runs', '0', '--json');
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as { ok: boolean; divergences: Array<{ rule: string; field: string }> };
    expect(report.ok).toBe(false);
    expect(report.divergences.find((d) => d.rule === 'V-R1')).toMatchObject({ field: 'hr' });
  });

  it('bad input exits 2 with one line naming the problem', () => {
    const r = cli('conform', '--exec', 'true', join(tmp, 'missing-dir'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/missing-dir: cannot read \(ENOENT\)/);
    const t = cli('conform', '--exec', 'true', '--timeout', 'soon');
    expect(t.status).toBe(2);
    expect(t.stderr).toMatch(/--timeout: expected a whole number, got "soon"/);
  });
});

describe('comparing results: "with at least" the expected fields (SPEC section 8)', () => {
  it('keys only the implementation has are ignored; a missing or changed key, or another array length, is a difference', async () => {
    const { firstMissingOrDifferent } = await import('../src/conformance/atLeast.js');
    expect(firstMissingOrDifferent({ hr: 'S_OK', rows: [{ name: 'x' }] }, { hr: 'S_OK', extra: 1, rows: [{ name: 'x', mine: true }] })).toBeNull();
    expect(firstMissingOrDifferent({ hr: 'S_OK', session: null }, { hr: 'S_OK' })).toEqual({ path: 'session', expected: null, actual: undefined });
    expect(firstMissingOrDifferent({ path: ['A1', 'A2'] }, { path: ['A1'] })).toEqual({ path: 'path[1]', expected: 'A2', actual: undefined });
    expect(firstMissingOrDifferent({ path: ['A1'] }, { path: ['A1', 'A2'] })).toEqual({ path: 'path[1]', expected: undefined, actual: 'A2' });
  });
});

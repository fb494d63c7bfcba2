import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoverageReport } from '../../src/conformance/coverage.js';
import { MACHINES_BY_NAME } from '../../src/graph/machines.js';
import { browserAvailable, launch, watch } from './browser.js';
import { smallestNodeText } from './chartDom.js';
import { builtSource } from '../helpers/builtSources.js';
import { builtViewer, root, shots } from './setup.js';

const MACHINES = Object.keys(MACHINES_BY_NAME);
const EXAMPLES = join(root, 'examples/scenarios');

/** What `mapi-logon coverage PATH… --json` prints: the numbers the page must show. */
function cliCoverage(...paths: string[]): CoverageReport {
  const out = spawnSync(process.execPath, [builtSource('src/cli/main.ts'), 'coverage', ...paths, '--json'], { cwd: root, encoding: 'utf8', env: { ...process.env, INIT_CWD: root } });
  if (out.status !== 0) throw new Error(`mapi-logon coverage failed: ${out.stderr}`);
  return JSON.parse(out.stdout) as CoverageReport;
}

const edgeCountsOf = (r: CoverageReport) => Object.assign({}, ...Object.values(r.edges).map((t) => t.counts)) as Record<string, number>;

/** What one chart shows: per node its class, its drawn count and its title; per edge its key, count and shade. */
function drawnCoverage(page: Page, machine: string) {
  return page.$eval(`svg[data-machine="${machine}"]`, (svg) => ({
    shaded: svg.classList.contains('coverage'),
    nodes: [...svg.querySelectorAll<SVGGElement>('g.node')].map((g) => {
      const badge = svg.querySelector<SVGGElement>(`g.cov-badge[data-node="${CSS.escape(g.dataset.node!)}"]`);
      const shape = g.querySelector('.shape')!;
      return {
        id: g.dataset.node!,
        helper: g.classList.contains('helper'),
        shade: [...g.classList].find((c) => c.startsWith('cov-')) ?? '',
        badge: badge?.querySelector('text')?.textContent ?? null,
        badgeTitle: badge?.querySelector('title')?.textContent ?? null,
        title: g.querySelector('title')?.textContent ?? '',
        dashed: getComputedStyle(shape).strokeDasharray !== 'none',
        fill: getComputedStyle(shape).fill,
      };
    }),
    edges: [...svg.querySelectorAll<SVGGElement>('g.edge-group')].map((g) => ({
      key: g.dataset.key!,
      count: g.dataset.count === undefined ? null : Number(g.dataset.count),
      shade: [...g.classList].find((c) => c.startsWith('cov-')) ?? '',
      dashed: getComputedStyle(g.querySelector('path')!).strokeDasharray !== 'none',
      title: g.querySelector('title')?.textContent ?? '',
    })),
  }));
}

describe.runIf(browserAvailable)("the viewer's coverage mode in Chromium", () => {
  let server: Server;
  let url: string;
  let browser: Browser;
  let examples: CoverageReport;

  beforeAll(async () => {
    ({ server, url } = await builtViewer());
    browser = await launch();
    examples = cliCoverage('examples/scenarios');
  });

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  async function open(page: Page, hash: string) {
    await page.goto(`${url}${hash}`);
    await page.waitForSelector('#app[data-ready=true]');
    await page.waitForSelector('#app[data-coverage=ready]');
  }

  /** Every node of every chart shows the CLI's count (on it and in its title), every edge the CLI's edge count. */
  async function expectCounts(page: Page, report: CoverageReport) {
    const edges = edgeCountsOf(report);
    for (const machine of MACHINES) {
      const drawn = await drawnCoverage(page, machine);
      expect(drawn.shaded, machine).toBe(true);
      const nodes = drawn.nodes.filter((n) => !n.helper);
      expect(nodes.length, machine).toBeGreaterThan(0);
      for (const n of nodes) {
        const want = report.nodes.counts[n.id];
        expect(want, `${n.id} is a node the CLI counts`).toBeTypeOf('number');
        expect(n.badge, n.id).toBe(`×${want}`);
        expect(n.title, n.id).toMatch(want === 0 ? /entered never$/ : want === 1 ? /entered once$/ : new RegExp(`entered ${want} times$`));
        expect(n.badgeTitle, n.id).toContain(n.id);
      }
      // Helper states are no nodes of the drawing: marked as not counted, no number.
      for (const n of drawn.nodes.filter((x) => x.helper)) expect([n.shade, n.badge], n.id).toEqual(['cov-na', null]);
      for (const e of drawn.edges) {
        if (e.key in report.unreachableEdges) expect(e.shade, e.key).toBe('cov-unreachable');
        else if (e.key in edges) expect(e.count, e.key).toBe(edges[e.key]);
        else expect([e.key.startsWith('state:'), e.shade], e.key).toEqual([true, 'cov-na']);
      }
      // Every edge the CLI counts for this chart is drawn.
      const drawnKeys = new Set(drawn.edges.map((e) => e.key));
      const own = new Set(nodes.map((n) => n.id));
      for (const key of Object.keys(edges).filter((k) => own.has(k.split(/[ →]/)[0]!))) expect(drawnKeys.has(key), `${key} drawn`).toBe(true);
    }
  }

  it("the examples: every node of the 4 charts shows mapi-logon coverage --json's count; legend in counts; text ≥ 12 px; no CSP or script error", async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const seen = watch(page);
    await open(page, '#mode=coverage');
    expect(MACHINES.length).toBeGreaterThanOrEqual(4);
    await expectCounts(page, examples);
    expect(await page.getAttribute('[data-coverage-mode]', 'aria-pressed')).toBe('true');
    // The legend: a shade per range of counts up to the largest, and the unmarked kinds.
    const legend = await page.$eval('[data-coverage-legend]', (l) => ({
      visible: (l as HTMLElement).offsetParent !== null,
      items: [...l.querySelectorAll('li')].map((li) => li.textContent ?? ''),
      fonts: [...l.querySelectorAll('span')].map((s) => parseFloat(getComputedStyle(s).fontSize)),
    }));
    expect(legend.visible).toBe(true);
    const max = Math.max(...Object.values(examples.nodes.counts), ...Object.values(edgeCountsOf(examples)));
    expect(legend.items[0]).toMatch(/^taken 1(–\d+)? times?$/);
    expect(legend.items.some((t) => t.endsWith(`${max} times`))).toBe(true);
    expect(legend.items.some((t) => t.startsWith('never taken'))).toBe(true);
    expect(Math.min(...legend.fonts)).toBeGreaterThanOrEqual(12);
    // The totals are the CLI's.
    const totals = await page.$$eval('[data-coverage-totals] tbody tr', (rows) => rows.map((r) => r.children[1]!.textContent));
    expect(totals[0]).toBe(`${examples.nodes.covered} / ${examples.nodes.total}`);
    // The counts and the chart text are at least 12 CSS px as drawn.
    for (const machine of MACHINES) {
      await page.click(`[data-tab="${machine}"]`);
      expect(await smallestNodeText(page, machine), machine).toBeGreaterThanOrEqual(12);
      const badgeText = await page.$eval(`svg[data-machine="${machine}"]`, (svg) => {
        const scale = svg.getBoundingClientRect().width / (svg as SVGSVGElement).viewBox.baseVal.width;
        return Math.min(...[...svg.querySelectorAll('g.cov-badge text')].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale));
      });
      expect(badgeText, machine).toBeGreaterThanOrEqual(12);
    }
    await page.click('[data-tab="sessionLogon"]');
    await page.screenshot({ path: join(shots, 'viewer-coverage-1440.png') });
    expect(seen.errors).toEqual([]);
    await page.close();
  });

  it('one scenario: the nodes and edges it never took are marked (grey, dashed, ×0, "never" in the title)', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await open(page, '#mode=coverage&example=spec-example');
    const report = cliCoverage('examples/scenarios/spec-example.json');
    await expectCounts(page, report);
    expect(report.nodes.missing.length).toBeGreaterThan(0);
    const edges = edgeCountsOf(report);
    let untakenEdges = 0;
    for (const machine of MACHINES) {
      const drawn = await drawnCoverage(page, machine);
      for (const n of drawn.nodes.filter((x) => !x.helper && report.nodes.counts[x.id] === 0)) {
        expect([n.shade, n.dashed, n.badge], n.id).toEqual(['cov-l0', true, '×0']);
      }
      for (const n of drawn.nodes.filter((x) => !x.helper && report.nodes.counts[x.id]! > 0)) expect([n.shade === 'cov-l0', n.dashed], n.id).toEqual([false, false]);
      for (const e of drawn.edges.filter((x) => edges[x.key] === 0)) {
        untakenEdges++;
        expect([e.shade, e.dashed], e.key).toEqual(['cov-l0', true]);
        expect(e.title, e.key).toMatch(/taken never$/);
      }
    }
    expect(untakenEdges).toBeGreaterThan(0);
    await page.close();
  });

  it('keyboard: Tab reaches the Coverage switch and the source; Enter leaves and re-enters the view; the run comes back', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${url}#example=spec-example`);
    await page.waitForSelector('#app[data-ready=true]');
    let reached = false;
    for (let i = 0; i < 12 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.hasAttribute('data-coverage-mode') ?? false);
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#app[data-coverage=ready]');
    expect(await page.isVisible('nav.controls')).toBe(false);
    expect(await page.evaluate(() => location.hash)).toBe('#mode=coverage');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-coverage-source'))).toBe(true);
    // Choosing the scenario in the editor shows its coverage, and the address says so.
    await page.selectOption('[data-coverage-source]', 'scenario');
    await page.waitForFunction(() => location.hash === '#mode=coverage&example=spec-example');
    await page.waitForSelector('#app[data-coverage=ready]');
    expect(await page.textContent('[data-coverage-panel] h2')).toBe('Coverage of the scenario spec-example');
    await page.focus('[data-coverage-source]');
    // Back to the run: the shading goes, the steps come back.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#app:not([data-coverage])');
    expect(await page.$$eval('svg.coverage, g.cov-badge', (els) => els.filter((e) => e.closest('svg.flowchart')).length)).toBe(0);
    expect(await page.isVisible('nav.controls')).toBe(true);
    expect(await page.evaluate(() => location.hash)).toMatch(/^#example=spec-example&step=\d+$/);
    await page.close();
  });

  it('Load…: a report of mapi-logon coverage --json is shown as is; several scenario files at once are counted together', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${url}#example=spec-example`);
    await page.waitForSelector('#app[data-ready=true]');
    const reportFile = join(root, 'test-results', 'coverage-examples.json');
    writeFileSync(reportFile, JSON.stringify(examples));
    await page.setInputFiles('[data-file]', reportFile);
    await page.waitForSelector('#app[data-coverage=ready]');
    expect(await page.$eval('[data-coverage-source]', (s) => (s as HTMLSelectElement).selectedOptions[0]!.textContent)).toBe('the report coverage-examples.json');
    await expectCounts(page, examples);
    // The report travels in the link.
    expect(await page.evaluate(() => location.hash)).toMatch(/^#cov=[A-Za-z0-9_-]+$/);
    const two = ['two-failure-rule.json', 'shared-session.json'].map((f) => join(EXAMPLES, f));
    await page.setInputFiles('[data-file]', two);
    await page.waitForFunction(() => document.querySelector('[data-coverage-source]')?.textContent?.includes('the 2 files loaded'));
    await page.waitForSelector('#app[data-coverage=ready]');
    await expectCounts(page, cliCoverage(...two));
    // Files from disk have no address: their report travels in the link, and reopens the same counts.
    const shared = await page.evaluate(() => location.href);
    expect(shared).toMatch(/#cov=[A-Za-z0-9_-]+$/);
    const again = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await again.goto(shared);
    await again.waitForSelector('#app[data-coverage=ready]');
    await expectCounts(again, cliCoverage(...two));
    await again.close();
    // A file that looks like a report but is not one says so by name.
    const bad = join(root, 'test-results', 'coverage-bad.json');
    writeFileSync(bad, JSON.stringify({ nodes: { counts: { A1: -1 } }, edges: {} }));
    await page.setInputFiles('[data-file]', bad);
    await page.waitForFunction(() => document.querySelector('[data-error]')?.textContent?.includes('not a coverage report'));
    await page.close();
  });

  it('mapi-logon view --coverage DIR prints a link that opens the coverage view of that folder; bad uses exit 2 with one line', async () => {
    const view = (args: string[]) => spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'view', '--port', '0', ...args], { cwd: root, env: { ...process.env, INIT_CWD: root } });
    const ends = (child: ChildProcess) =>
      new Promise<{ code: number | null; err: string }>((resolve) => {
        let err = '';
        child.stderr!.on('data', (d) => (err += d));
        child.on('exit', (code) => resolve({ code, err }));
      });
    expect(await ends(view(['--coverage', 'no-such-dir']))).toEqual({ code: 2, err: `mapi-logon: --coverage: ${join(root, 'no-such-dir')}: cannot read (ENOENT)\n` });
    expect(await ends(view(['examples/scenarios/spec-example.json', '--coverage', 'examples/scenarios']))).toEqual({ code: 2, err: 'mapi-logon: --coverage: name the scenarios after --coverage, not as FILE\n' });
    const child = view(['--coverage', 'examples/scenarios']);
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout!.on('data', (d) => {
          out += d;
          if (out.includes('\n')) resolve(out.split('\n')[0]!);
        });
        child.on('exit', (code) => reject(new Error(`view exited with ${code}`)));
      });
      const link = line.replace(/^MAPI logon viewer: /, '');
      expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#cov=[A-Za-z0-9_-]+$/);
      // The link holds the report mapi-logon coverage --json prints.
      expect(JSON.parse(inflateSync(Buffer.from(link.split('#cov=')[1]!, 'base64url')).toString('utf8'))).toEqual(examples);
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.goto(link);
      await page.waitForSelector('#app[data-coverage=ready]');
      await expectCounts(page, examples);
      await page.close();
    } finally {
      child.kill();
    }
  });

  it('the coverage view builds its DOM without HTML parsing (no innerHTML in its sources)', () => {
    const dir = join(root, 'viz/app');
    for (const f of readdirSync(dir).filter((x) => x.startsWith('coverage'))) {
      expect(readFileSync(join(dir, f), 'utf8'), f).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    }
  });
});

import { readFileSync, readdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MACHINES_BY_NAME } from '../../src/graph/machines.js';
import { runScenario, type LogonCallResult } from '../../src/simulator/runScenario.js';
import { chartModel } from '../../viz/layout/chartModel.js';
import { browserAvailable, launch, watch } from './browser.js';
import { drawnChart, overflowingText, smallestNodeText } from './chartDom.js';
import { chartProblems } from './geometry.js';
import { builtViewer, root, shots } from './setup.js';

const MACHINES = Object.keys(MACHINES_BY_NAME);

describe.runIf(browserAvailable)('the viewer in Chromium', () => {
  let server: Server;
  let url: string;
  let browser: Browser;

  beforeAll(async () => {
    ({ server, url } = await builtViewer());
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  const local = (u: string) => u.startsWith(url) || u.startsWith('data:');

  async function open(page: Page, hash: string) {
    await page.goto(`${url}${hash}`);
    await page.waitForSelector('#app[data-ready=true]');
  }
  const stepIndex = async (page: Page) => Number(await page.getAttribute('#app', 'data-step-index'));
  /** Reads `read()` at every step from the current one to the last, stepping with → dispatched in the page. */
  // One expression, evaluated by the DevTools protocol as Playwright evaluates its functions: no
  // `new Function` in the page, which its CSP (no 'unsafe-eval') may refuse.
  const walk = <T>(page: Page, read: () => T): Promise<T[]> =>
    page.evaluate(`(() => {
      const read = ${read.toString()};
      const app = document.querySelector('#app');
      const total = Number(app.getAttribute('data-steps'));
      const out = [];
      for (let i = Number(app.getAttribute('data-step-index')); i < total; i++) {
        out.push(read());
        window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
      }
      return out;
    })()`) as Promise<T[]>;

  it.each([
    [800, 900, 1],
    [1440, 900, 1],
    [1920, 1080, 1],
    [720, 450, 2], // 1440×900 at 200 % browser zoom: half the CSS px, twice the device px
  ])('at %i×%i CSS px (device scale %i) every chart reads right: geometry, labels = meta.edge, text ≥ 12 px', async (width, height, scale) => {
    const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: scale });
    const page = await context.newPage();
    await open(page, '#example=spec-example');
    for (const machine of MACHINES) {
      await page.click(`[data-tab="${machine}"]`);
      const chart = await drawnChart(page, machine);
      expect(chartProblems(chart), machine).toEqual([]);
      // Every drawn label is its edge's meta.edge, and every edge with a meta.edge has its label.
      for (const l of chart.labels) expect(l.text, `${machine} ${l.edge}`).toBe(l.meta);
      const model = chartModel(machine, MACHINES_BY_NAME[machine]!);
      expect(chart.edges.map((e) => `${e.from}>${e.to}:${e.label}`).sort()).toEqual(model.edges.map((e) => `${e.from}>${e.to}:${e.label}`).sort());
      expect(chart.labels.map((l) => l.text).sort()).toEqual(model.edges.filter((e) => e.label).map((e) => e.label).sort());
      expect(await smallestNodeText(page, machine), machine).toBeGreaterThanOrEqual(12);
      expect(await overflowingText(page, machine), machine).toEqual([]);
      // Extension edges (meta.extension) are the dashed ones, and only they.
      const dashes = await page.$$eval(`svg[data-machine="${machine}"] g.edge-group path`, (ps) => ps.map((p) => getComputedStyle(p).strokeDasharray !== 'none'));
      expect(dashes.filter(Boolean).length, machine).toBe(model.edges.filter((e) => e.extension).length);
      // Each label is on top where it is drawn (nothing covers it), once scrolled into view.
      const covered = await page.$$eval(`svg[data-machine="${machine}"] g.edge-label`, (els) =>
        els.flatMap((el) => {
          el.scrollIntoView({ block: 'center', inline: 'center' });
          const r = el.getBoundingClientRect();
          const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
          return hit && el.contains(hit) ? [] : [(el as SVGGElement).dataset.edge];
        }),
      );
      expect(covered, machine).toEqual([]);
    }
    if (width === 1440) await page.screenshot({ path: join(shots, 'viewer-1440.png') });
    await context.close();
  });

  it('the chart in focus fills the width; zoom buttons, Ctrl+wheel and dragging zoom and pan it; the others are tabs', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await open(page, '#example=spec-example');
    const visible = await page.$$eval('[data-panel]', (ps) => ps.filter((p) => !(p as HTMLElement).hidden).length);
    expect(visible).toBe(1);
    const width = () => page.$eval('section.panel:not([hidden]) svg', (s) => s.getBoundingClientRect().width);
    const area = await page.$eval('.charts', (s) => s.getBoundingClientRect().width);
    expect(await width()).toBeGreaterThan(area * 0.6);
    const before = await width();
    await page.click('[data-zoom-in]');
    expect(await width()).toBeCloseTo(before * 1.25, 0);
    await page.click('[data-zoom-fit]');
    expect(await width()).toBeCloseTo(before, 0);
    // Ctrl+wheel zooms; dragging pans the chart.
    const view = await page.$('section.panel:not([hidden]) .chart');
    const box = (await view!.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -100);
    await page.keyboard.up('Control');
    expect(await width()).toBeGreaterThan(before * 1.05);
    const scrolled = () => view!.evaluate((v) => [v.scrollLeft, v.scrollTop] as const);
    const [left, top] = await scrolled();
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 - 60, box.y + box.height / 2 - 80, { steps: 4 });
    await page.mouse.up();
    const [left2, top2] = await scrolled();
    expect(left2 - left + (top2 - top)).toBeGreaterThan(50);
    await page.close();
  });

  /**
   * Steps through the whole run with the keyboard. At each logon's result the highlighted A path
   * must be the simulator's; every provider attempt must have shown its own answer as a step, the
   * answers in the order the simulator records them (`hrs`, or the last `hr`).
   */
  async function checkRun(page: Page, example: string) {
    const scenario = JSON.parse(readFileSync(join(root, 'examples/scenarios', `${example}.json`), 'utf8'));
    const expected = (await runScenario(scenario)).results;
    // The walk runs in the page (one round trip per example, not four per step): each step is read,
    // then → is dispatched to the window, where the viewer listens for it.
    const steps = await walk(page, () => {
      const type = document.querySelector('#app')!.getAttribute('data-step-type');
      return {
        type,
        text: document.querySelector('[data-step]')!.textContent ?? '',
        resultCall: type === 'result' ? document.querySelector('[data-result-call]')?.getAttribute('data-result-call') ?? null : null,
        svgPath: type === 'result' ? document.querySelector('svg[data-machine=sessionLogon]')?.getAttribute('data-path') ?? null : null,
        resultPath: type === 'result' ? document.querySelector('[data-result-path]')?.textContent ?? null : null,
      };
    });
    expect(steps.length).toBe(Number(await page.getAttribute('#app', 'data-steps')));
    const answers = new Map<number, string[]>();
    let call = -1;
    let logons = 0;
    for (const { type, text, resultCall, svgPath, resultPath } of steps) {
      if (type === 'call') call = Number(/^Call (\d+)/.exec(text)![1]) - 1;
      if (type === 'answer') {
        const m = /provider "(.+)", attempt \d+: the provider answers (\w+)$/.exec(text)!;
        answers.set(call, [...(answers.get(call) ?? []), `${m[1]}=${m[2]}`]);
      }
      if (type === 'result') {
        const n = Number(resultCall) - 1;
        const want = expected[n] as LogonCallResult;
        if (want.op === 'logon') {
          logons++;
          expect(svgPath, `${example}, call ${n + 1}`).toBe(want.path.join(' '));
          expect(resultPath).toBe(want.path.join(' '));
        }
      }
    }
    expected.forEach((r, n) => {
      type Provider = LogonCallResult['services'][number]['providers'][number] & { hrs?: string[]; phase?: string | null };
      const l = r as LogonCallResult;
      // A join (A3) lists the services whose transports it started, with all their providers:
      // only those the spooler called (phase 'spooler') answered in this call.
      const joined = l.path?.at(-1) === 'A3';
      const providers = (l.services ?? []).flatMap((sv) => sv.providers as Provider[]).filter((p) => !joined || p.phase === 'spooler');
      const shown = answers.get(n) ?? [];
      expect(shown.length, `${example}, call ${n + 1}: one answer step per attempt`).toBe(providers.reduce((a, p) => a + p.attempts, 0));
      for (const p of providers) {
        const mine = shown.filter((a) => a.startsWith(`${p.name}=`)).map((a) => a.slice(p.name.length + 1));
        if (p.hrs) expect(mine, `${example}, call ${n + 1}, ${p.name}`).toEqual(p.hrs);
        else if (p.attempts) expect(mine.at(-1), `${example}, call ${n + 1}, ${p.name}`).toBe(p.hr);
      }
    });
    return logons;
  }

  const examples = readdirSync(join(root, 'examples/scenarios')).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));

  // One page for all the examples, as a user goes through them: the first opened from its link, the
  // others picked from the list (a fresh page per example cost ~0.9 s each on this host).
  describe('each example, picked from the list in one page', () => {
    let page: Page;
    let seen: ReturnType<typeof watch>;
    let requestsSeen = 0;
    let errorsSeen = 0;
    beforeAll(async () => {
      page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      seen = watch(page);
      await open(page, `#example=${examples[0]}`);
    });
    afterAll(() => page?.close());

    it.each(examples)(
      'runs %s: the highlighted path equals the simulator path, every provider answer is a step, only localhost is asked, no errors',
      async (example) => {
        if (example !== examples[0]) {
          await page.selectOption('[data-examples]', { label: example });
          // The run is shown once the address names it at its first step.
          await page.waitForURL((u) => u.hash === `#example=${example}&step=1`);
        }
        const logons = await checkRun(page, example);
        if (example !== 'bad-input') expect(logons).toBeGreaterThan(0);
        // What the page asked for and logged since the last example (the first: its load too).
        expect(seen.requests.slice(requestsSeen).filter((u) => !local(u))).toEqual([]);
        expect(seen.errors.slice(errorsSeen)).toEqual([]);
        requestsSeen = seen.requests.length;
        errorsSeen = seen.errors.length;
      },
    );
  });

  it("shows each provider's own answer as a step, with its HRESULT, and keeps the last logon in view at the end", async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await open(page, '#example=two-failure-rule');
    const total = Number(await page.getAttribute('#app', 'data-steps'));
    // Walked in the page, one round trip (the keyboard test presses real keys).
    const steps = await walk(page, () => ({
      type: document.querySelector('#app')!.getAttribute('data-step-type'),
      text: document.querySelector('[data-step]')!.textContent ?? '',
      answerBox: document.querySelector('svg[data-machine=providerLogon]')!.getAttribute('data-answer'),
      answersTable: document.querySelector('[data-answers]')?.textContent ?? '',
      headers: document.querySelectorAll('.side-panel table thead th').length,
    }));
    expect(steps).toHaveLength(total);
    const answers: string[] = [];
    steps.forEach((step, i) => {
      if (step.type === 'answer') {
        answers.push(step.text);
        if (step.text.includes('MAPI_E_NETWORK_ERROR')) {
          expect(step.answerBox).toBe('MAPI_E_NETWORK_ERROR');
          expect(step.answersTable).toContain('MAPI_E_NETWORK_ERROR');
        }
      }
      // Result tables with headers are beside the charts at every step once a call returned.
      if (i > 2) expect(step.headers, `step ${i + 1}`).toBeGreaterThan(0);
    });
    expect(answers.filter((a) => /Transport.*MAPI_E_NETWORK_ERROR/.test(a))).toHaveLength(2);
    expect(await stepIndex(page)).toBe(total - 1);
    expect(await page.getAttribute('svg[data-machine=sessionLogon]', 'data-path')).not.toBe('');
    expect(await page.textContent('[data-description]')).toMatch(/^C-R5, C-R6, C-R8/);
    expect(await page.textContent('.legend')).toMatch(/extension edge/);
    await page.close();
  });

  it("an answer step shows the provider's answer box after B5/B10, and stays on a result node that answered by itself (B7)", async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await open(page, '#example=unconfigured-without-ui');
    const total = Number(await page.getAttribute('#app', 'data-steps'));
    const steps = await walk(page, () => ({
      type: document.querySelector('#app')!.getAttribute('data-step-type'),
      path: document.querySelector('svg[data-machine=providerLogon]')!.getAttribute('data-path') ?? '',
      current: document.querySelector('svg[data-machine=providerLogon]')!.getAttribute('data-current'),
    }));
    expect(steps).toHaveLength(total);
    const seen = new Set<string>();
    for (const step of steps.filter((s) => s.type === 'answer')) {
      const last = step.path.split(' ').at(-1)!;
      seen.add(last);
      expect(step.current, step.path).toBe(last === 'B5' || last === 'B10' ? 'state:answered' : last);
    }
    expect(seen).toContain('B7');
    expect(seen).toContain('B5');
    await page.close();
  });

  it('keyboard: ←/→ step and Home/End jump whatever has focus (not text entry); every control is reached by Tab', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await open(page, '#example=spec-example');
    const example = await page.inputValue('[data-examples]');
    await page.focus('[data-examples]');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await stepIndex(page)).toBe(2);
    expect(await page.inputValue('[data-examples]')).toBe(example);
    await page.keyboard.press('ArrowLeft');
    expect(await stepIndex(page)).toBe(1);
    await page.focus('[data-next]');
    await page.keyboard.press('End');
    expect(await stepIndex(page)).toBe(Number(await page.getAttribute('#app', 'data-steps')) - 1);
    await page.focus('[data-tab=providerLogon]');
    await page.keyboard.press('Home');
    expect(await stepIndex(page)).toBe(0);
    // Text entry keeps its keys.
    await page.focus('[data-scenario]');
    await page.keyboard.press('ArrowRight');
    expect(await stepIndex(page)).toBe(0);
    // Tab reaches every control.
    await page.focus('[data-examples]');
    const reached = new Set<string>();
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      reached.add(await page.evaluate(() => {
        const a = document.activeElement as HTMLElement;
        return Object.keys(a.dataset)[0] ?? a.tagName.toLowerCase();
      }));
    }
    for (const control of ['load', 'share', 'stately', 'scenario', 'run', 'play', 'next', 'last', 'zoomIn', 'zoomOut', 'zoomFit']) expect([...reached], control).toContain(control);
    // Every chart's tab too.
    const tabs = new Set<string>();
    await page.focus('[data-examples]');
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const tab = await page.evaluate(() => (document.activeElement as HTMLElement).dataset.tab);
      if (tab) tabs.add(tab);
    }
    expect([...tabs].sort()).toEqual([...MACHINES].sort());
    await page.close();
  });

  it('an invalid scenario clears the old run and says why', async () => {
    const page = await browser.newPage();
    await open(page, '#example=spec-example');
    await page.fill('[data-scenario]', '{"profiles":[],"calls":[{"op":"logon","client":"c","flags":["MAPI_NOPE"]}]}');
    await page.click('[data-run]');
    await page.waitForSelector('[data-error]:not(:empty)');
    expect(await page.textContent('[data-error]')).toMatch(/^calls\[0\]\.flags\[0\]: unknown logon flag name "MAPI_NOPE"/);
    expect(await page.getAttribute('#app', 'data-steps')).toBe('0');
    expect(await page.isDisabled('[data-next]')).toBe(true);
    expect(await page.getAttribute('svg[data-machine=sessionLogon]', 'data-path')).toBe('');
    expect(new URL(page.url()).hash).toBe('');
    await page.close();
  });

  it('a huge or escape-laden bad value is named in one bounded line', async () => {
    const page = await browser.newPage();
    await open(page, '#example=spec-example');
    const bad = `MAPI_${'\u001b[31m'.repeat(5)}${'X'.repeat(200_000)}\nsecond line`;
    await page.fill('[data-scenario]', JSON.stringify({ profiles: [], calls: [{ op: 'logon', client: 'c', flags: [bad] }] }));
    await page.click('[data-run]');
    await page.waitForSelector('[data-error]:not(:empty)');
    const text = (await page.textContent('[data-error]'))!;
    expect(text).toMatch(/^calls\[0\]\.flags\[0\]/);
    expect(text.length).toBeLessThanOrEqual(300);
    expect(text).not.toMatch(/[\u0000-\u001f]/);
    expect(await page.getAttribute('#app', 'data-steps')).toBe('0');
    await page.close();
  });

  it('a link carries the scenario (compressed) and the step, and reopens the same step', async () => {
    const page = await browser.newPage();
    await open(page, '#example=spec-example');
    const text = (await page.inputValue('[data-scenario]')).replace('"Work"', '"Home"').replaceAll('"Work"', '"Home"');
    await page.fill('[data-scenario]', text);
    await page.click('[data-run]');
    // The run is done once its link is in the address.
    await page.waitForURL(/#s=/);
    // Step with the keys, focus on a control.
    await page.focus('[data-next]');
    for (let i = 0; i < 11; i++) await page.keyboard.press('ArrowRight');
    const link = page.url();
    expect(link).toMatch(/#s=[A-Za-z0-9_-]+&step=12$/);
    expect(link.length).toBeLessThan(url.length + text.length);
    const stepText = await page.textContent('[data-step]');
    const again = await browser.newPage();
    await open(again, link.slice(url.length));
    expect(await stepIndex(again)).toBe(11);
    expect(await again.textContent('[data-step]')).toBe(stepText);
    expect(await again.inputValue('[data-scenario]')).toBe(text);
    await page.close();
    await again.close();
  });

  it('a damaged link says so and runs nothing', async () => {
    const page = await browser.newPage();
    await open(page, '#s=bm90LWRlZmxhdGVk&step=3');
    expect(await page.textContent('[data-error]')).toMatch(/^this link does not hold a scenario/);
    expect(await page.getAttribute('#app', 'data-steps')).toBe('0');
    await page.close();
  });

  it('the sequence view has a lane for session, services, providers, dialogs and the spooler; each call and answer an arrow', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await open(page, '#example=two-failure-rule');
    expect(await page.$$eval('.seq-lanes .lane', (ls) => ls.map((l) => l.textContent))).toEqual(['app', 'session', 'spooler', 'services', 'providers', 'dialogs']);
    const arrows = await page.$$eval('[data-seq-step]', (ls) => ls.map((l) => `${(l as HTMLElement).dataset.from}>${(l as HTMLElement).dataset.to}: ${l.textContent}`));
    expect(arrows.filter((a) => a.startsWith('providers>services') && a.includes('MAPI_E_NETWORK_ERROR'))).toHaveLength(2);
    expect(arrows.some((a) => a.startsWith('services>dialogs: retry dialog'))).toBe(true);
    expect(arrows.filter((a) => a.startsWith('app>session'))).toHaveLength(6);
    await page.click('[data-seq-step]:nth-child(3)');
    expect(await stepIndex(page)).toBeGreaterThan(0);
    await page.close();
  });

  // Two windows talking by postMessage on a loaded 2-core CI host: one retry, and a timeout
  // that says where both windows stood, so a real break still fails and explains itself.
  it('is an inspector: an app with createBrowserInspector({ url: viewer/inspect }) shows its live actors on our flowcharts', { retry: 1 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1700, height: 1000 } });
    const app = await context.newPage();
    const seenApp = watch(app);
    await app.goto(`${url}demo`);
    const popup = context.waitForEvent('page');
    await app.click('#logon');
    const inspector = await popup;
    const seenInspector = watch(inspector);
    const waitIn = async (page: Page, selector: string) => {
      try {
        await page.waitForSelector(selector, { timeout: 60_000, state: 'attached' });
      } catch (e) {
        const where = {
          app: await app.textContent('#out'),
          appWaiting: await app.getAttribute('#out', 'data-waiting'),
          inspector: await inspector.textContent('[data-actors]').catch(() => '(closed)'),
          errors: [...seenApp.errors, ...seenInspector.errors],
        };
        throw new Error(`${(e as Error).message.split('\n')[0]}\n${JSON.stringify(where, null, 2)}`);
      }
    };
    await waitIn(app, '#out[data-waiting=providerConfig]');
    await waitIn(inspector, '[data-actors] li[data-machine=providerLogon][data-node=B8]');
    expect(await inspector.getAttribute('svg[data-machine=providerLogon]', 'data-current')).toBe('B8');
    expect(await inspector.getAttribute('svg[data-machine=sessionLogon]', 'data-path')).toMatch(/^A1 A2 A4 A6 A7 A11/);
    await inspector.screenshot({ path: join(shots, 'inspector.png') });
    await app.click('#answer');
    await waitIn(app, '#out:not([data-waiting])');
    expect(await app.textContent('#out')).toMatch(/^logon: S_OK/);
    await waitIn(inspector, '[data-actors] li[data-machine=sessionLogon][data-node=A12]');
    for (const seen of [seenApp, seenInspector]) {
      expect(seen.requests.filter((u) => !local(u))).toEqual([]);
      expect(seen.errors).toEqual([]);
    }
    await context.close();
  });
});

import { mkdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScenario, type LogonCallResult } from '../../src/simulator/runScenario.js';
import { startViewerServer } from '../../viz/server.js';
import { browserAvailable, launch, watch } from './browser.js';

const root = join(import.meta.dirname, '../..');
const shots = join(root, 'test-results/screenshots');

describe.runIf(browserAvailable)('the viewer in Chromium', () => {
  let server: Server;
  let url: string;
  let browser: Browser;

  beforeAll(async () => {
    ({ server, url } = await startViewerServer(0));
    browser = await launch();
    mkdirSync(shots, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  const local = (u: string) => u.startsWith(url) || u.startsWith('data:');

  async function openViewer(page: Page, example: string) {
    await page.goto(`${url}?example=${example}`);
    await page.waitForSelector('#app[data-ready=true]');
  }

  /** Steps through the whole run; at each logon's result the highlighted A path must be the simulator's. */
  async function checkPaths(page: Page, example: string) {
    const scenario = JSON.parse(readFileSync(join(root, 'examples/scenarios', `${example}.json`), 'utf8'));
    const expected = (await runScenario(scenario)).results;
    const total = Number(await page.getAttribute('#app', 'data-steps'));
    let logons = 0;
    for (let i = 0; i < total; i++) {
      if ((await page.getAttribute('#app', 'data-step-type')) === 'result') {
        const call = Number(await page.evaluate(() => document.querySelector('[data-step]')!.textContent!.match(/Call (\d+)/)![1])) - 1;
        const want = expected[call] as LogonCallResult;
        if (want.op === 'logon') {
          logons++;
          expect(await page.getAttribute('svg[data-machine=sessionLogon]', 'data-path'), `${example}, call ${call + 1}`).toBe(want.path.join(' '));
          expect(await page.textContent('[data-result-path]')).toBe(want.path.join(' '));
        }
      }
      await page.click('[data-next]');
    }
    return logons;
  }

  it.each(['spec-example', 'two-failure-rule', 'password-prompt', 'shared-session'])(
    'runs %s: the highlighted path equals the simulator path, only localhost is asked, no errors',
    async (example) => {
      const page = await browser.newPage({ viewport: { width: 1700, height: 1100 } });
      const seen = watch(page);
      await openViewer(page, example);
      expect(await checkPaths(page, example)).toBeGreaterThan(0);
      await page.screenshot({ path: join(shots, `viewer-${example}.png`) });
      expect(seen.requests.filter((u) => !local(u))).toEqual([]);
      expect(seen.errors).toEqual([]);
      await page.close();
    },
  );

  it('draws every node of the three flowcharts, extension edges dashed', async () => {
    const page = await browser.newPage();
    await openViewer(page, 'spec-example');
    const nodes = await page.$$eval('g.node[data-node]', (gs) => gs.map((g) => (g as SVGGElement).dataset.node!).filter((id) => /^[ABC]\d+$/.test(id)));
    expect(new Set(nodes).size).toBe(15 + 14 + 8);
    expect(await page.$$eval('path.edge.extension', (ps) => ps.length)).toBeGreaterThanOrEqual(6);
    await page.close();
  });

  it('a pasted scenario with a bad field shows the error naming it, and runs nothing', async () => {
    const page = await browser.newPage();
    await openViewer(page, 'spec-example');
    const before = await page.getAttribute('#app', 'data-steps');
    await page.fill('[data-scenario]', '{"profiles":[],"calls":[{"op":"logon","client":"c","flags":["MAPI_NOPE"]}]}');
    await page.click('[data-run]');
    expect(await page.textContent('[data-error]')).toMatch(/^calls\[0\]\.flags\[0\]: unknown logon flag name "MAPI_NOPE"/);
    expect(await page.getAttribute('#app', 'data-steps')).toBe(before);
    await page.close();
  });

  // Two windows talking by postMessage on a loaded 2-core CI host: one retry, and a timeout
  // that says where both windows stood, so a real break still fails and explains itself.
  it('is an inspector: an app with createBrowserInspector({ url: viewer/inspect }) shows its live actors on our flowcharts', { retry: 1 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1700, height: 1000 } });
    const app = await context.newPage();
    const seenApp = watch(app);
    await app.goto(`${url}demo`);
    // The inspector window opens on the click (a user gesture), as a browser allows popups.
    const popup = context.waitForEvent('page');
    await app.click('#logon');
    const inspector = await popup;
    const seenInspector = watch(inspector);
    /** Waits for a selector; on a timeout, says where the app and the inspector stood. */
    const waitIn = async (page: Page, selector: string) => {
      try {
        await page.waitForSelector(selector, { timeout: 15_000 });
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
    // The provider waits in its configuration dialog: B8, in the app and in the inspector.
    await waitIn(app, '#out[data-waiting=providerConfig]');
    await waitIn(inspector, '[data-actors] li[data-machine=providerLogon][data-node=B8]');
    expect(await inspector.getAttribute('svg[data-machine=providerLogon]', 'data-current')).toBe('B8');
    expect(await inspector.getAttribute('svg[data-machine=sessionLogon]', 'data-path')).toBe('A1 A2 A4 A6 A7 A11');
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

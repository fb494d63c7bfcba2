import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { buildViewer } from './build.js';
import { startViewerServer } from './server.js';

const root = resolve(import.meta.dirname, '..');

/**
 * The README's pictures of the viewer: a mid-run step on each chart, the coverage view of an
 * example, and the inspector showing
 * the demo app's live actors, at 1440×900, from a fresh build. `npm run screenshots` (Debian's chromium; CHROMIUM_PATH to use another).
 */
export async function viewerScreenshots(outDir = join(root, 'docs')): Promise<string[]> {
  const dir = await buildViewer(join(root, 'test-results/viewer-screenshots'));
  const { server, url } = await startViewerServer(0, { dir });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const written: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // Each chart at a step where it is mid-run: [example, machine, wanted node].
    const shots: [string, string, string, string][] = [
      ['viewer-session.png', 'password-prompt', 'sessionLogon', 'A14'],
      ['viewer-service.png', 'two-failure-rule', 'messageService', 'C6'],
      ['viewer-provider.png', 'spec-example', 'providerLogon', 'B8'],
      ['viewer-live-session.png', 'spec-example', 'session', 'D2'],
    ];
    for (const [file, example, machine, node] of shots) {
      await page.goto('about:blank');
      await page.goto(`${url}#example=${example}`);
      await page.waitForSelector('#app[data-ready=true]');
      const total = Number(await page.getAttribute('#app', 'data-steps'));
      for (let i = 0; i < total; i++) {
        if ((await page.getAttribute(`svg[data-machine=${machine}]`, 'data-current')) === node) break;
        await page.keyboard.press('ArrowRight');
      }
      await page.screenshot({ path: join(outDir, file) });
      written.push(join(outDir, file));
    }
    // The coverage view of one example: how often its runs took each node and edge of A, and what they never took.
    await page.goto('about:blank');
    await page.goto(`${url}#mode=coverage&example=spec-example`);
    await page.waitForSelector('#app[data-coverage=ready]');
    await page.screenshot({ path: join(outDir, 'viewer-coverage.png') });
    written.push(join(outDir, 'viewer-coverage.png'));
    // The inspector beside the demo app, whose Mailbox waits in its configuration dialog (B8).
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const app = await context.newPage();
    await app.goto(`${url}demo`);
    const popup = context.waitForEvent('page');
    await app.click('#logon');
    const inspector = await popup;
    await inspector.setViewportSize({ width: 1440, height: 900 });
    await inspector.waitForSelector('[data-actors] li[data-machine=providerLogon][data-node=B8]', { state: 'attached', timeout: 30_000 });
    await inspector.click('[data-tab=providerLogon]');
    await inspector.screenshot({ path: join(outDir, 'inspector.png') });
    written.push(join(outDir, 'inspector.png'));
    await context.close();
  } finally {
    await browser.close();
    server.close();
  }
  return written;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const f of await viewerScreenshots(process.argv[2] ? resolve(process.argv[2]) : undefined)) process.stdout.write(`${f}\n`);
}

import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { extname, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shareLink } from '../../viz/shareLink.js';
import { browserAvailable, launch, watch } from './browser.js';
import { builtViewer, root } from './setup.js';

/** Sends raw bytes, returns the raw answer (status line first). */
function raw(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.setTimeout(60_000, () => socket.destroy(new Error('no answer in 60 s')));
    socket.on('data', (d) => (data += d.toString('latin1')));
    socket.on('end', () => resolve(data));
    socket.on('close', () => resolve(data));
    socket.on('error', reject);
    socket.end(request);
  });
}
const status = (answer: string) => Number(answer.split(' ')[1]);

/** A plain static file server, as any static host is: files by path, nothing else. */
function staticHost(dir: string, extra: Record<string, string> = {}): Promise<{ server: Server; url: string; hits: string[] }> {
  const hits: string[] = [];
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.push(path);
    if (extra[path] !== undefined) return void res.writeHead(200, { 'content-type': 'text/html' }).end(extra[path]);
    const file = join(dir, path === '/' ? 'index.html' : path.replace(/^\/+/, ''));
    try {
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const a = server.address() as { port: number };
    resolve({ server, url: `http://127.0.0.1:${a.port}/`, hits });
  }));
}

describe('the viewer server', () => {
  let server: Server;
  let url: string;
  let dir: string;
  let port: number;

  beforeAll(async () => {
    ({ server, url, dir } = await builtViewer());
    port = Number(new URL(url).port);
  });
  afterAll(() => server?.close());

  const get = (target: string, host = `127.0.0.1:${port}`) => raw(port, `GET ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);

  it('never exits on a bad request target: each gets a 400 and the next request is served', async () => {
    for (const target of ['http://[', 'http://[/', '*', '//evil.example/', '/%', '/%E0%A4%A', `http://127.0.0.1:${port}/`, '\u0000']) {
      const answer = await get(target);
      expect(status(answer), JSON.stringify(target)).toBe(400);
    }
    expect(status(await raw(port, 'GARBAGE\r\n\r\n'))).toBe(400);
    expect(status(await raw(port, 'GET / HTTP/1.1\r\nHost: 127.0.0.1:1\r\nContent-Length: x\r\n\r\n'))).toBe(400);
    expect(status(await get('/'))).toBe(200);
  });

  it('serving loads no build-time tool (esbuild, elkjs, @statelyai/inspect)', async () => {
    const script = `const m = await import('./viz/server.ts'); const { server, url } = await m.startViewerServer(0, { dir: ${JSON.stringify(dir)} });
      const res = await fetch(url); console.log(res.status); server.close();`;
    const child = spawn(process.execPath, ['--import', './test/browser/noBuildTools.mjs', '--import', 'tsx', '--input-type=module', '-e', script], { cwd: root });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(err).not.toContain('build-time tool');
    expect([code, out.trim()]).toEqual([0, '200']);
  });

  it('answers only for 127.0.0.1, localhost or [::1] with its port (DNS rebinding)', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`]) expect(status(await get('/', host)), host).toBe(200);
    for (const host of ['evil.example', `evil.example:${port}`, '127.0.0.1', `127.0.0.1:${port + 1}`, `localhost.evil.example:${port}`, '']) {
      expect(status(await get('/', host)), host).toBe(421);
    }
    expect(status(await raw(port, 'GET / HTTP/1.0\r\n\r\n'))).toBe(421);
  });

  it('sends a CSP without inline script, nosniff, and frame-ancestors none (the inspector: self only)', async () => {
    for (const [path, frame] of [['/', "'none'"], ['/app.js', "'none'"], ['/demo', "'none'"], ['/examples.json', "'none'"], ['/inspect', "'self'"]] as const) {
      const res = await fetch(`${url}${path.slice(1)}`);
      expect(res.status, path).toBe(200);
      const csp = res.headers.get('content-security-policy')!;
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).not.toContain('unsafe-inline');
      expect(csp, path).not.toContain('unsafe-eval');
      expect(csp, path).toContain(`frame-ancestors ${frame}`);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
    const html = await (await fetch(url)).text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle=/);
    expect((await fetch(`${url}../package.json`)).status).toBe(404);
    expect((await fetch(`${url}%2e%2e/package.json`)).status).toBe(404);
  });

  describe.runIf(browserAvailable)('in Chromium', () => {
    let browser: Browser;
    let hostile: Awaited<ReturnType<typeof staticHost>>;
    beforeAll(async () => {
      browser = await launch();
      // A page on another origin (another loopback port) that frames the inspector and feeds it a name made to run script.
      const payload = (pwned: string) => `{ type: '@xstate.actor', sessionId: 'x:1', name: '<img src=x onerror="fetch(\\'${pwned}\\')">', definition: JSON.stringify({ id: 'sessionLogon' }), snapshot: { value: 'A1', status: 'active', context: { path: ['A1'] } } }`;
      hostile = await staticHost(dir, {
        '/frame.html': '', // filled below, once the port is known
      });
      const pwned = `${hostile.url}pwned`;
      const framePage = `<!doctype html><iframe id=f src="${url}inspect"></iframe><script>
        const f = document.getElementById('f');
        f.addEventListener('load', () => { for (let i = 0; i < 5; i++) setTimeout(() => f.contentWindow.postMessage(${payload(pwned)}, '*'), i * 200); });
      </script>`;
      const openerPage = `<!doctype html><button id=go>open</button><script>
        document.getElementById('go').onclick = () => { const w = window.open('${url}inspect', 'insp');
          for (let i = 0; i < 10; i++) setTimeout(() => w.postMessage(${payload(pwned)}, '*'), 300 + i * 200); };
      </script>`;
      hostile.server.removeAllListeners('request');
      hostile.server.on('request', (req, res) => {
        hostile.hits.push(req.url ?? '');
        const body = req.url === '/frame.html' ? framePage : req.url === '/opener.html' ? openerPage : '';
        res.writeHead(body ? 200 : 404, { 'content-type': 'text/html' }).end(body);
      });
    });
    afterAll(async () => {
      await browser?.close();
      hostile?.server.close();
    });

    it('a page on another origin cannot frame /inspect, and its script never runs there', async () => {
      const page = await browser.newPage();
      await page.goto(`${hostile.url}frame.html`);
      const frame = page.frames().find((f) => f !== page.mainFrame())!;
      await frame.waitForLoadState('load');
      // The page posts its payload for a second after the frame loads.
      await page.waitForTimeout(1_500);
      // Chromium refuses the frame (frame-ancestors 'self'): the inspector never started in it.
      expect(await frame.$('[data-actors]').catch(() => null)).toBeNull();
      expect(hostile.hits).not.toContain('/pwned');
      await page.close();
    });

    it('names an app sends are shown as text, never markup; only the opener is heard', async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${hostile.url}opener.html`);
      const popup = context.waitForEvent('page');
      await page.click('#go');
      const inspector = await popup;
      const seen = watch(inspector);
      await inspector.waitForSelector('[data-actors] li', { timeout: 60_000 });
      expect(await inspector.textContent('[data-actors] li')).toContain('<img src=x onerror=');
      expect(await inspector.$$('[data-actors] img')).toHaveLength(0);
      await inspector.waitForTimeout(500);
      expect(hostile.hits).not.toContain('/pwned');
      expect(seen.errors).toEqual([]);
      // A message from any window but the opener (here the inspector's own) is dropped.
      await inspector.evaluate(() => window.postMessage({ type: '@xstate.actor', sessionId: 'self:1', name: 'from myself', definition: JSON.stringify({ id: 'providerLogon' }), snapshot: { value: 'B1', context: { path: ['B1'] } } }, '*'));
      await inspector.waitForTimeout(500);
      expect(await inspector.textContent('[data-actors]')).not.toContain('from myself');
      await context.close();
    });

    it('the built folder works from a plain static host: a shared link opens its scenario at its step', async () => {
      const host = await staticHost(dir);
      const text = readFileSync(join(root, 'examples/scenarios/password-prompt.json'), 'utf8');
      const page = await browser.newPage();
      const seen = watch(page);
      await page.goto(shareLink(`${host.url}index.html`, text, 9));
      await page.waitForSelector('#app[data-ready=true]');
      expect(await page.getAttribute('#app', 'data-step-index')).toBe('8');
      expect(await page.inputValue('[data-scenario]')).toBe(text);
      expect(seen.errors).toEqual([]);
      expect(seen.requests.every((u) => u.startsWith(host.url) || u.startsWith('data:'))).toBe(true);
      await page.close();
      host.server.close();
    });

    it('mapi-logon view --step N without a FILE, or with a bad FILE, exits 2 with one line', async () => {
      const run = (args: string[]) =>
        new Promise<{ code: number | null; err: string }>((resolve) => {
          const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'view', '--port', '0', ...args], { cwd: root, env: { ...process.env, INIT_CWD: root } });
          let err = '';
          child.stderr.on('data', (d) => (err += d));
          child.on('exit', (code) => resolve({ code, err }));
        });
      expect(await run(['--step', '3'])).toEqual({ code: 2, err: 'mapi-logon: --step: give a scenario FILE to open at that step\n' });
      expect(await run(['examples/scenarios/spec-example.json', '--step', '0'])).toEqual({ code: 2, err: 'mapi-logon: --step: expected a step number from 1, got "0"\n' });
      const missing = await run(['no-such-file.json']);
      expect(missing.code).toBe(2);
      expect(missing.err).toMatch(/^mapi-logon: no-such-file\.json: cannot read the file \(ENOENT\)\n$/);
    });

    it('mapi-logon view FILE --step N prints a link that opens the file at that step', async () => {
      let child: ChildProcess | undefined;
      try {
        child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'view', 'examples/scenarios/shared-session.json', '--step', '7', '--port', '0'], { cwd: root, env: { ...process.env, INIT_CWD: root } });
        const line = await new Promise<string>((resolve, reject) => {
          let out = '';
          child!.stdout!.on('data', (d) => {
            out += d;
            if (out.includes('\n')) resolve(out.split('\n')[0]!);
          });
          child!.on('exit', (code) => reject(new Error(`view exited with ${code}`)));
        });
        const link = line.replace(/^MAPI logon viewer: /, '');
        expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#s=[A-Za-z0-9_-]+&step=7$/);
        const page = await browser.newPage();
        await page.goto(link);
        await page.waitForSelector('#app[data-ready=true]');
        expect(await page.getAttribute('#app', 'data-step-index')).toBe('6');
        expect(await page.inputValue('[data-scenario]')).toBe(readFileSync(join(root, 'examples/scenarios/shared-session.json'), 'utf8'));
        await page.close();
      } finally {
        child?.kill();
      }
    });
  });
});

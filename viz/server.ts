import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { build } from 'esbuild';

const here = import.meta.dirname;
// From the sources (viz/) or from the built package (dist/viz/): the package root holds the
// examples and the stylesheet either way.
const fromDist = existsSync(join(here, 'server.js'));
const root = join(here, fromDist ? '../..' : '..');
const examplesDir = join(root, 'examples/scenarios');
const entry = (name: string) => join(here, `${name}.${fromDist ? 'js' : 'ts'}`);

const page = (title: string, body: string, script: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,"><link rel="stylesheet" href="/styles.css"></head>
<body>${body}<script type="module" src="${script}"></script></body></html>`;

const DEMO_BODY = `<main style="padding:1rem"><h1>A MAPI app reporting to the viewer</h1>
<p>This page's logon runs with <code>createBrowserInspector({ url: origin + '/inspect' })</code>; the inspector window shows its actors.</p>
<button id="logon">Log on</button> <button id="answer">Complete the Mailbox configuration</button><p id="out"></p></main>`;

async function bundle(name: string): Promise<string> {
  const out = await build({
    entryPoints: [entry(name)],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}

function examples() {
  return readdirSync(examplesDir)
    .filter((f) => f.endsWith('.json'))
    .sort((a, b) => (a === 'spec-example.json' ? -1 : b === 'spec-example.json' ? 1 : a.localeCompare(b)))
    .map((f) => {
      const text = readFileSync(join(examplesDir, f), 'utf8');
      return { name: f.replace(/\.json$/, ''), description: (JSON.parse(text) as { description?: string }).description, text };
    });
}

/** Serves the viewer (/), the inspector (/inspect) and a demo app (/demo) on 127.0.0.1 only. */
export async function startViewerServer(port = 4400): Promise<{ server: Server; url: string }> {
  const [app, demo] = await Promise.all([bundle('app/main'), bundle('demo/demo')]);
  const css = readFileSync(join(root, 'viz/styles.css'), 'utf8');
  const routes: Record<string, () => [string, string]> = {
    '/': () => ['text/html', page('MAPI logon flowcharts', '<div id="app"></div>', '/app.js')],
    '/inspect': () => ['text/html', page('MAPI logon inspector', '<div id="app"></div>', '/app.js')],
    '/demo': () => ['text/html', page('MAPI demo app', DEMO_BODY, '/demo.js')],
    '/app.js': () => ['text/javascript', app],
    '/demo.js': () => ['text/javascript', demo],
    '/styles.css': () => ['text/css', css],
    '/examples.json': () => ['application/json', JSON.stringify(examples())],
  };
  const server = createServer((req, res) => {
    const route = routes[new URL(req.url ?? '/', 'http://localhost').pathname];
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const [type, body] = route();
    res.writeHead(200, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' }).end(body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return { server, url: `http://127.0.0.1:${actual}/` };
}

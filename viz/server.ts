import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, resolve } from 'node:path';

const here = import.meta.dirname;
// From the sources (viz/server.ts) or from the package (dist/viz/server.js): the viewer is built
// into <package>/dist/viewer either way.
const fromDist = existsSync(join(here, 'server.js'));
const packageRoot = resolve(here, fromDist ? '../..' : '..');
export const BUILT_VIEWER = join(packageRoot, 'dist/viewer');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
};

// Clean paths for the pages; every other file by its own name.
const ROUTES: Record<string, string> = { '/': 'index.html', '/inspect': 'inspect.html', '/demo': 'demo.html' };
const FILE = /^\/([a-z0-9-]+\.(?:html|js|css|json|png))$/;

/**
 * No inline script or style, nothing from elsewhere; a page may be framed by nobody, except the
 * inspector, which only this origin may frame.
 */
const csp = (frameable: boolean) =>
  [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameable ? "'self'" : "'none'"}`,
  ].join('; ');

function send(res: ServerResponse, status: number, body: string | Buffer, type = 'text/plain; charset=utf-8', frameable = false): void {
  res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'content-security-policy': csp(frameable),
    'x-content-type-options': 'nosniff',
    'x-frame-options': frameable ? 'SAMEORIGIN' : 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'unsafe-none',
  });
  res.end(body);
}

/** The Host header names this server (DNS rebinding: a hostile name resolving to 127.0.0.1 is refused). */
function hostAllowed(host: string | undefined, port: number): boolean {
  if (!host) return false;
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(host.toLowerCase());
}

function handle(dir: string, port: number, req: IncomingMessage, res: ServerResponse): void {
  if (!hostAllowed(req.headers.host, port)) return send(res, 421, 'misdirected request: this server answers for 127.0.0.1, localhost or [::1] only\n');
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed\n');
  const target = req.url ?? '';
  // Origin-form targets only ('/path?query'); anything else (absolute URLs, '*', 'http://[') is refused.
  if (!target.startsWith('/') || target.startsWith('//')) return send(res, 400, 'bad request target\n');
  let path: string;
  try {
    path = decodeURIComponent(target.split(/[?#]/)[0]!);
  } catch {
    return send(res, 400, 'bad request target\n');
  }
  const name = ROUTES[path] ?? FILE.exec(path)?.[1];
  const file = name ? join(dir, name) : undefined;
  if (!name || !file || !existsSync(file)) return send(res, 404, 'not found\n');
  send(res, 200, readFileSync(file), TYPES[extname(name)] ?? 'application/octet-stream', name === 'inspect.html');
}

/** The newest change to what the viewer is built from (machines, sources, examples), in ms. */
function newestSource(): number {
  let newest = 0;
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (/\.(ts|css|json)$/.test(e.name)) newest = Math.max(newest, statSync(join(d, e.name)).mtimeMs);
    }
  };
  for (const d of ['machines', 'src', 'viz', 'examples/scenarios']) if (existsSync(join(packageRoot, d))) walk(join(packageRoot, d));
  return newest;
}

/**
 * Builds the viewer from the sources when it was never built (a checkout that ran no `npm run
 * build`) or is older than the sources; an installed package serves what it shipped.
 */
async function ensureBuilt(dir: string): Promise<void> {
  const built = join(dir, 'app.js');
  if (fromDist || dir !== BUILT_VIEWER) {
    if (!existsSync(built)) throw new Error(`the viewer is not built: ${dir} has no app.js (run npm run build)`);
    return;
  }
  if (existsSync(built) && statSync(built).mtimeMs >= newestSource()) return;
  const why = existsSync(built) ? 'older than the sources' : 'not built yet';
  process.stderr.write(`The viewer is ${why}: building it into ${dir} (npm run build:viewer does this)…\n`);
  const builder = './build.js';
  const { buildViewer } = (await import(builder)) as typeof import('./build.js');
  await buildViewer(dir);
}

/**
 * Serves the built viewer (/), the inspector (/inspect) and a demo app (/demo) on 127.0.0.1 only:
 * static files with a strict CSP. Every request is answered inside a try: no request stops it.
 */
export async function startViewerServer(port = 4400, options: { dir?: string } = {}): Promise<{ server: Server; url: string }> {
  const dir = options.dir ?? BUILT_VIEWER;
  await ensureBuilt(dir);
  let actual = port;
  const server = createServer((req, res) => {
    try {
      handle(dir, actual, req, res);
    } catch {
      if (!res.headersSent) send(res, 500, 'internal error\n');
      else res.destroy();
    }
  });
  // A malformed request line gets a 400 from Node itself; the connection never takes the server down.
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolvePromise());
  });
  const address = server.address();
  actual = typeof address === 'object' && address ? address.port : port;
  return { server, url: `http://127.0.0.1:${actual}/` };
}

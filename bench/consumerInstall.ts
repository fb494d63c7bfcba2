// What an app developer gets: the packed tarball installed into an empty folder with the xstate
// peer, as `npm install mapi-logon-fsm xstate` would. Shared by test/package.test.ts (the limits)
// and bench/run.ts (the figures in results.json).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
// npm warns on stderr about the host's config; only stdout is read.
const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

export interface ConsumerInstall {
  work: string;
  tarball: string;
  /** The files in the tarball. */
  files: string[];
  /** The app folder: package.json, node_modules. */
  consumer: string;
  /** Bytes of every file under node_modules (symlinks counted as links). */
  installBytes: number;
  /** Packages under node_modules (each folder with a package.json at node_modules/<name> or node_modules/@scope/<name>, nested ones too). */
  packages: string[];
}

/** The xstate version the package was verified with (its exact peer range). */
export const xstatePeer = (): string => (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { peerDependencies: { xstate: string } }).peerDependencies.xstate;

/** npm run build and npm pack, then npm install of the tarball and the xstate peer into an empty folder; from the npm cache when it can. */
export function packAndInstall(): ConsumerInstall {
  const work = mkdtempSync(join(tmpdir(), 'mapi-pack-'));
  // The build first, so that npm pack's stdout is its JSON alone (a build may print).
  buildIfChanged();
  const packed = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', work], root)) as Array<{ filename: string; files: Array<{ path: string }> }>;
  const tarball = join(work, packed[0]!.filename);
  const consumer = join(work, 'consumer');
  mkdirSync(consumer);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  npm(['install', '--no-audit', '--no-fund', '--prefer-offline', tarball, `xstate@${xstatePeer()}`], consumer);
  const modules = join(consumer, 'node_modules');
  return { work, tarball, files: packed[0]!.files.map((f) => f.path), consumer, installBytes: treeBytes(modules), packages: packagesIn(modules) };
}

const STAMP = join(root, 'node_modules/.cache/mapi-build-inputs.sha256');

/**
 * The build's inputs, hashed: every file git tracks or would track, outside the tests and the
 * benchmarks (which no build reads), with its content. Null without git (a copy that is no checkout).
 */
function buildInputsHash(): string | null {
  let listed: string;
  try {
    listed = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
  const hash = createHash('sha256');
  for (const file of listed.split('\n').filter((f) => f && !/^(test|properties|bench|\.ci)\//.test(f)).sort()) {
    const path = join(root, file);
    hash.update(`${file}\0`);
    if (existsSync(path)) hash.update(readFileSync(path));
  }
  return hash.digest('hex');
}

/**
 * `npm run build`, unless this checkout's last build here was made from the same inputs and
 * dist/ is still there (a build is ~10 s of CPU: the package test and the bench each need one).
 */
function buildIfChanged(): void {
  const inputs = buildInputsHash();
  const built = ['dist/src/index.js', 'dist/machines/index.js', 'dist/viewer/index.html'].every((f) => existsSync(join(root, f)));
  if (inputs !== null && built && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === inputs) return;
  rmSync(STAMP, { force: true });
  npm(['run', 'build'], root);
  if (inputs !== null) {
    mkdirSync(join(root, 'node_modules/.cache'), { recursive: true });
    writeFileSync(STAMP, inputs);
  }
}

export function treeBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? treeBytes(path) : lstatSync(path).size;
  }
  return total;
}

export function packagesIn(modules: string): string[] {
  if (!existsSync(modules)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(modules, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const dirs = entry.name.startsWith('@') ? readdirSync(join(modules, entry.name)).map((n) => join(entry.name, n)) : [entry.name];
    for (const name of dirs) {
      if (!existsSync(join(modules, name, 'package.json'))) continue;
      found.push(name);
      found.push(...packagesIn(join(modules, name, 'node_modules')).map((n) => `${name}>${n}`));
    }
  }
  return found.sort();
}

/**
 * The modules that importing `specifier` from the app loads, as file URLs (and node: builtins),
 * seen by an ESM resolve hook registered before the import.
 */
export function modulesLoadedBy(consumer: string, specifier: string): string[] {
  const log = join(consumer, `.loaded-${specifier.replace(/[^a-z0-9]/gi, '_')}.txt`);
  writeFileSync(log, '');
  writeFileSync(
    join(consumer, 'record-hooks.mjs'),
    `import { appendFileSync } from 'node:fs';
let log;
export function initialize(data) { log = data.log; }
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(log, r.url + '\\n');
  return r;
}
`,
  );
  writeFileSync(
    join(consumer, 'record.mjs'),
    `import { register } from 'node:module';
register('./record-hooks.mjs', import.meta.url, { data: { log: process.env.RECORD_LOG } });
`,
  );
  execFileSync(process.execPath, ['--import', './record.mjs', '--input-type=module', '-e', `await import(${JSON.stringify(specifier)});`], {
    cwd: consumer,
    encoding: 'utf8',
    env: { ...process.env, RECORD_LOG: log },
  });
  return [...new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean))];
}

/** The package (node_modules/<name>) each loaded module belongs to; node: builtins as themselves. */
export function packagesOf(urls: string[]): string[] {
  const names = urls.map((u) => {
    if (u.startsWith('node:')) return u;
    const m = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u);
    return m ? m[1]! : `(outside node_modules) ${u}`;
  });
  return [...new Set(names)].sort();
}

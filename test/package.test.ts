import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modulesLoadedBy, packAndInstall, packagesOf, xstatePeer, type ConsumerInstall } from '../bench/consumerInstall.js';
import { runScenario } from '../src/simulator/runScenario.js';

const root = join(import.meta.dirname, '..');
const bin = (name: string) => join(root, 'node_modules/.bin', name);
const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const MB = 1024 * 1024;

// One pack and install for the whole file (the build and the install are most of its time);
// the per-test timeouts are generous: npm and tsc are slow on a loaded host.
let app: ConsumerInstall;
beforeAll(() => {
  app = packAndInstall();
}, 600_000);
afterAll(() => {
  if (app) rmSync(app.work, { recursive: true, force: true });
});

describe('the published package, installed from its tarball into an empty folder with the xstate peer', () => {
  it('holds the built entries and no tests; publint and attw find nothing', () => {
    for (const file of ['dist/src/index.js', 'dist/machines/index.d.ts', 'dist/src/compiled/index.js', 'dist/src/conformance/index.js', 'scenario.schema.json']) {
      expect(app.files).toContain(file);
    }
    expect(app.files.some((f) => f.startsWith('test/') || f.startsWith('properties/') || f.startsWith('bench/'))).toBe(false);
    // publint on the package as installed from the tarball (the published files, nothing else of
    // the checkout), attw on the very tarball.
    expect(execFileSync(bin('publint'), ['--strict', '--pack', 'false', join(app.consumer, 'node_modules/mapi-logon-fsm')], { cwd: root, encoding: 'utf8' })).toContain('All good!');
    execFileSync(bin('attw'), [app.tarball, '--profile', 'esm-only'], { cwd: root, encoding: 'utf8' });
  }, 300_000);

  it('installs at most 15 MB in at most 8 packages: no esbuild, no inspector, no fast-check', () => {
    expect(app.packages).not.toContain('esbuild');
    expect(app.packages).not.toContain('@statelyai/inspect');
    expect(app.packages).not.toContain('fast-check');
    expect(app.packages.length, app.packages.join(', ')).toBeLessThanOrEqual(8);
    expect(app.installBytes, `${(app.installBytes / MB).toFixed(1)} MB`).toBeLessThanOrEqual(15 * MB);
    // xstate is the app's own (a peer), at the version the compiled engine was verified with.
    const xstate = JSON.parse(readFileSync(join(app.consumer, 'node_modules/xstate/package.json'), 'utf8')) as { version: string };
    expect(xstate.version).toBe(xstatePeer());
  });

  it('mapi-logon-fsm/machines loads only xstate and the package', () => {
    expect(packagesOf(modulesLoadedBy(app.consumer, 'mapi-logon-fsm/machines'))).toEqual(['mapi-logon-fsm', 'xstate']);
  }, 60_000);

  it('mapi-logon-fsm (subsystem, simulator, schema) loads only xstate, zod and the package; mapi-logon-fsm/compiled only xstate and the package', () => {
    expect(packagesOf(modulesLoadedBy(app.consumer, 'mapi-logon-fsm'))).toEqual(['mapi-logon-fsm', 'xstate', 'zod']);
    expect(packagesOf(modulesLoadedBy(app.consumer, 'mapi-logon-fsm/compiled')).filter((p) => !p.startsWith('node:'))).toEqual(['mapi-logon-fsm', 'xstate']);
  }, 60_000);

  it("an app's own `import 'xstate'` works, the machines run on it, and the flag constants come from ./machines", () => {
    writeFileSync(
      join(app.consumer, 'machines-app.mjs'),
      `import { createActor, toPromise, fromPromise } from 'xstate';
import { sessionLogonMachine, MAPI_LOGON_UI, MAPI_PASSWORD_UI, LOGON_FLAGS, HRESULTS } from 'mapi-logon-fsm/machines';
console.log(JSON.stringify({ machine: sessionLogonMachine.id, logonUi: MAPI_LOGON_UI, passwordUi: MAPI_PASSWORD_UI, flags: Object.keys(LOGON_FLAGS).length, ok: HRESULTS.S_OK, createActor: typeof createActor, toPromise: typeof toPromise, fromPromise: typeof fromPromise }));
`,
    );
    const out = JSON.parse(execFileSync(process.execPath, ['machines-app.mjs'], { cwd: app.consumer, encoding: 'utf8' }));
    expect(out).toEqual({ machine: 'sessionLogon', logonUi: 1, passwordUi: 0x20000, flags: 14, ok: 0, createActor: 'function', toPromise: 'function', fromPromise: 'function' });
  }, 60_000);

  it('runs the CLI and the API: the subsystem on its default interpreter, and the compiled engine from ./compiled', async () => {
    const example = join(root, 'examples/scenarios/two-failure-rule.json');
    const cli = execFileSync(join(app.consumer, 'node_modules/.bin/mapi-logon'), ['simulate', example], { cwd: app.consumer, encoding: 'utf8' });
    expect(JSON.parse(cli)).toEqual(await runScenario(JSON.parse(readFileSync(example, 'utf8'))));

    writeFileSync(
      join(app.consumer, 'app.mjs'),
      `import { createMapiSubsystem } from 'mapi-logon-fsm';
import { compiledEngineAvailable, runCompiled } from 'mapi-logon-fsm/compiled';
import { createMachine, assign } from 'xstate';
const mapi = createMapiSubsystem({
  profiles: [{ name: 'Work', default: true, services: [{ name: 'S', providers: [{ name: 'P', kind: 'store' }] }] }],
  providerLogon: async ({ attempt }) => (attempt === 1 ? 'MAPI_E_NETWORK_ERROR' : 'S_OK'),
});
await mapi.initialize();
const r = await mapi.logonEx({ profileName: null, flags: ['MAPI_USE_DEFAULT'], client: 'app' });
const counter = createMachine({ context: { n: 0 }, initial: 'a', states: { a: { entry: assign({ n: 2 }), always: 'b' }, b: { type: 'final' } }, output: ({ context }) => context.n });
let compiled;
try { compiled = runCompiled(counter, undefined); } catch (e) { compiled = String(e); }
console.log(JSON.stringify({ hr: r.hr, path: r.path, available: compiledEngineAvailable().ok, compiled }));
`,
    );
    const out = JSON.parse(execFileSync(process.execPath, ['app.mjs'], { cwd: app.consumer, encoding: 'utf8' }));
    expect(out).toMatchObject({ hr: 'S_OK', available: true, compiled: 2 });
    expect(out.path[0]).toBe('A1');
  }, 120_000);

  it('the compiled engine refuses another xstate, naming both versions', () => {
    const pkgPath = join(app.consumer, 'node_modules/xstate/package.json');
    const original = readFileSync(pkgPath, 'utf8');
    try {
      writeFileSync(pkgPath, JSON.stringify({ ...JSON.parse(original), version: '5.40.0' }));
      const out = execFileSync(
        process.execPath,
        ['--input-type=module', '-e', `import { compiledEngineAvailable } from 'mapi-logon-fsm/compiled'; console.log(JSON.stringify(compiledEngineAvailable()));`],
        { cwd: app.consumer, encoding: 'utf8' },
      );
      expect(JSON.parse(out)).toEqual({ ok: false, reason: expect.stringMatching(new RegExp(`verified with xstate ${xstatePeer().replace(/\./g, '\\.')}, but xstate 5\\.40\\.0 is installed`)) });
    } finally {
      writeFileSync(pkgPath, original);
    }
  }, 60_000);

  it('mapi-logon-fsm/conformance needs fast-check (an optional peer): it names it when missing, and works once the app installs it', () => {
    const missing = (() => {
      try {
        execFileSync(process.execPath, ['--input-type=module', '-e', `await import('mapi-logon-fsm/conformance');`], { cwd: app.consumer, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
        return '';
      } catch (e) {
        return String((e as { stderr?: string }).stderr);
      }
    })();
    expect(missing).toMatch(/fast-check/);
    npm(['install', '--no-audit', '--no-fund', '--prefer-offline', 'fast-check@^4'], app.consumer);
    const loaded = packagesOf(modulesLoadedBy(app.consumer, 'mapi-logon-fsm/conformance')).filter((p) => !p.startsWith('node:'));
    expect(loaded).toContain('fast-check');
    expect(loaded.filter((p) => !['mapi-logon-fsm', 'xstate', 'zod', 'fast-check', 'pure-rand'].includes(p))).toEqual([]);
  }, 300_000);

  it('a strict TypeScript consumer (NodeNext, strict, noUncheckedIndexedAccess, no skipLibCheck) compiles against every entry', () => {
    writeFileSync(
      join(app.consumer, 'tsconfig.json'),
      JSON.stringify({
        // exactOptionalPropertyTypes is left out: xstate's own declarations do not compile under it.
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noUncheckedIndexedAccess: true, skipLibCheck: false, noEmit: true, types: [] },
        files: ['consumer.ts'],
      }),
    );
    writeFileSync(
      join(app.consumer, 'consumer.ts'),
      `import { createActor } from 'xstate';
import { createMapiSubsystem, runScenario, parseScenario, type LogonResult } from 'mapi-logon-fsm';
import { sessionLogonMachine, MAPI_LOGON_UI, type SessionLogonInput } from 'mapi-logon-fsm/machines';
import { runCompiled, compiledEngineAvailable } from 'mapi-logon-fsm/compiled';
import * as conformance from 'mapi-logon-fsm/conformance';

const input: SessionLogonInput = { flags: MAPI_LOGON_UI, profileName: 'Work', sharedSession: null, defaultProfile: null, profiles: [] } as unknown as SessionLogonInput;
const actor = createActor(sessionLogonMachine, { input });
const mapi = createMapiSubsystem({ profiles: [{ name: 'Work', services: [] }] });
const use = async (): Promise<LogonResult['hr']> => (await mapi.logonEx({ profileName: 'Work', client: 'c' })).hr;
const available: boolean = compiledEngineAvailable().ok;
export { actor, use, available, runCompiled, runScenario, parseScenario, conformance };
`,
    );
    try {
      execFileSync(bin('tsc'), ['-p', join(app.consumer, 'tsconfig.json')], { cwd: app.consumer, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      throw new Error(`the consumer does not compile:\n${(e as { stdout?: string }).stdout}`);
    }
  }, 300_000);
});

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../src/simulator/runScenario.js';

const root = join(import.meta.dirname, '..');
const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('the published package', () => {
  it('packs, installs into an empty folder, and runs both the CLI and the API from there', async () => {
    const work = mkdtempSync(join(tmpdir(), 'mapi-pack-'));
    const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', work], root)) as Array<{ filename: string; files: Array<{ path: string }> }>;
    const files = packed[0]!.files.map((f) => f.path);
    expect(files).toContain('dist/src/index.js');
    expect(files).toContain('dist/machines/index.d.ts');
    expect(files).toContain('scenario.schema.json');
    expect(files.some((f) => f.startsWith('test/') || f.startsWith('properties/'))).toBe(false);

    // publint on the built folder (npm pack above ran the build), attw on the very tarball.
    const bin = (name: string) => join(root, 'node_modules/.bin', name);
    expect(execFileSync(bin('publint'), ['--strict', '--pack', 'false'], { cwd: root, encoding: 'utf8' })).toContain('All good!');
    execFileSync(bin('attw'), [join(work, packed[0]!.filename), '--profile', 'esm-only'], { cwd: root, encoding: 'utf8' });

    const consumer = join(work, 'consumer');
    mkdirSync(consumer);
    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    npm(['install', '--no-audit', '--no-fund', join(work, packed[0]!.filename)], consumer);

    const example = join(root, 'examples/scenarios/two-failure-rule.json');
    const cli = execFileSync(join(consumer, 'node_modules/.bin/mapi-logon'), ['simulate', example], { cwd: consumer, encoding: 'utf8' });
    expect(JSON.parse(cli)).toEqual(await runScenario(JSON.parse(readFileSync(example, 'utf8'))));

    writeFileSync(
      join(consumer, 'app.mjs'),
      `import { createMapiSubsystem, MAPI_NEW_SESSION } from 'mapi-logon-fsm';
import { sessionLogonMachine } from 'mapi-logon-fsm/machines';
const mapi = createMapiSubsystem({
  profiles: [{ name: 'Work', default: true, services: [{ name: 'S', providers: [{ name: 'P', kind: 'store' }] }] }],
  providerLogon: async ({ attempt }) => (attempt === 1 ? 'MAPI_E_NETWORK_ERROR' : 'S_OK'),
});
await mapi.initialize();
const r = await mapi.logonEx({ profileName: null, flags: ['MAPI_USE_DEFAULT', MAPI_NEW_SESSION ? 'MAPI_NEW_SESSION' : ''].filter(Boolean), client: 'app' });
console.log(JSON.stringify({ hr: r.hr, path: r.path, service: r.services[0].path, machine: sessionLogonMachine.id }));
`,
    );
    const out = JSON.parse(execFileSync(process.execPath, ['app.mjs'], { cwd: consumer, encoding: 'utf8' }));
    expect(out).toEqual({ hr: 'S_OK', path: ['A1', 'A4', 'A6', 'A7', 'A11', 'A12'], service: ['C1', 'C3', 'C6', 'C3', 'C8'], machine: 'sessionLogon' });
  }, 300_000);
});

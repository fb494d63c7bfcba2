import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../src/simulator/runScenario.js';
import { runCli } from './helpers/builtSources.js';

const root = join(import.meta.dirname, '..');
const cli = runCli;

const example = join(root, 'examples/scenarios/spec-example.json');
const tmp = mkdtempSync(join(tmpdir(), 'mapi-logon-cli-'));
const file = (name: string, text: string) => {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
};

describe('mapi-logon simulate', () => {
  it('prints exactly the SPEC section 8 JSON on stdout, exit 0', async () => {
    const r = cli('simulate', example);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual(await runScenario(JSON.parse(readFileSync(example, 'utf8'))));
  });

  it('--interpreter xstate prints the same output as the default compiled interpreter; a wrong one exits 2', () => {
    const compiled = cli('simulate', example);
    const onXstate = cli('simulate', example, '--interpreter', 'xstate');
    expect(onXstate.status).toBe(0);
    expect(onXstate.stdout).toBe(compiled.stdout);
    const wrong = cli('simulate', example, '--interpreter', 'fast');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/--interpreter.*fast.*compiled, xstate/s);
  });

  it('--format text prints a readable trace: node ids with labels, dialogs with answers, states, status table', () => {
    const r = cli('simulate', example, '--format', 'text');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('A9  Prompt user (profile picker)');
    expect(r.stdout).toContain('dialog profilePicker → "Work"');
    expect(r.stdout).toContain('service "Exchange": enabled, 1 failure(s)');
    expect(r.stdout).toContain('provider "Transport" (transport): loggedOn');
    expect(r.stdout).toMatch(/MAPI Spooler\s+MAPI_SPOOLER\s+STATUS_AVAILABLE/);
    expect(r.stdout).toContain('attempt 1: answered MAPI_E_NETWORK_ERROR');
    expect(r.stdout).not.toContain('\u001b[');
  });

  it.each([
    ['not JSON', '{"profiles": [', /: not JSON: /],
    ['an unknown op', '{"profiles":[],"calls":[{"op":"reboot"}]}', /calls\[0\]\.op: unknown op "reboot"/],
    ['a logon without client', '{"profiles":[],"calls":[{"op":"logon"}]}', /calls\[0\]\.client: /],
    ['an unknown flag', '{"profiles":[],"calls":[{"op":"logon","client":"c","flags":["MAPI_NOPE"]}]}', /calls\[0\]\.flags\[0\]: unknown logon flag name "MAPI_NOPE"/],
  ])('V-R5: %s → one line on stderr naming the field, exit 2, nothing on stdout', (_, text, message) => {
    const r = cli('simulate', file('bad.json', text));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a file that cannot be read: exit 2', () => {
    const r = cli('simulate', join(tmp, 'missing.json'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot read the file \(ENOENT\)/);
  });

  it('bad usage: exit 2', () => {
    expect(cli('simulate').status).toBe(2);
    expect(cli('simulate', example, '--format', 'xml').status).toBe(2);
    expect(cli('frobnicate').status).toBe(2);
  });

  it('--help exits 0', () => {
    const r = cli('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('simulate');
  });
});

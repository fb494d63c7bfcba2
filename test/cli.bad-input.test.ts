import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../src/cli/main.js';
import { MAX_FILE_BYTES } from '../src/cli/readScenarioFile.js';
import { MAX_LINE, oneLine, quote } from '../src/schema/excerpt.js';
import { syntaxErrorAt } from '../src/schema/jsonSyntax.js';
import fc from 'fast-check';
import { parseScenarioText, ScenarioError } from '../src/schema/parseScenario.js';
import { createMapiSubsystem } from '../src/subsystem/createMapiSubsystem.js';

const root = join(import.meta.dirname, '..');
const spec = readFileSync(join(root, 'examples/scenarios/spec-example.json'), 'utf8');
const tmp = mkdtempSync(join(tmpdir(), 'mapi-logon-bad-'));
const file = (name: string, content: string | Buffer) => {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
};
const simulate = (path: string) => runCliCaptured(['simulate', path]);

/** One line, bounded, no raw control or bidi characters, no stack trace. */
function expectOneSafeLine(stderr: string) {
  expect(stderr.endsWith('\n')).toBe(true);
  expect(stderr.slice(0, -1)).not.toContain('\n');
  expect(stderr.length).toBeLessThanOrEqual(MAX_LINE + 30);
  expect(stderr.slice(0, -1)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/);
  expect(stderr).not.toMatch(/\bat .*:\d+:\d+/);
}

describe('V-R6: bad input in the CLI gets one short, escaped line and exit 2', () => {
  it('a UTF-8 byte-order mark is skipped: the run is the same as without it', async () => {
    const plain = await simulate(file('plain.json', spec));
    const bom = await simulate(file('bom.json', `\ufeff${spec}`));
    expect(bom).toEqual({ ...plain, stdout: plain.stdout });
    expect(bom.code).toBe(0);
    expect(() => parseScenarioText(`\ufeff${spec}`)).not.toThrow();
  });

  it.each([
    ['4,100 deep arrays', `${'['.repeat(4100)}${']'.repeat(4100)}`],
    ['100,000 deep objects', `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`],
    ['100,000 deep, never closed', '['.repeat(100_000)],
    ['deep inside a valid field', spec.replace('"profiles": [', `"profiles": [${'['.repeat(40)}${']'.repeat(40)},`)],
  ])('nesting deeper than the format allows (%s): named, with where, exit 2', async (_, text) => {
    const r = await simulate(file('deep.json', text));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/nested deeper than 32 levels at line \d+, column \d+ \(a scenario needs at most 8\)/);
    expectOneSafeLine(r.stderr);
  });

  it('a huge bad value is quoted as a short escaped excerpt with its length; escape bytes are never written raw', async () => {
    const doc = JSON.parse(spec);
    doc.calls[0].op = `\u001b[2J\u001b]0;owned\u0007\u202e${'x'.repeat(1_000_000)}`;
    const r = await simulate(file('huge-value.json', JSON.stringify(doc)));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/calls\[0\]\.op: unknown op "\\u001b\[2J\\u001b\]0;owned\\u0007\\u202ex+…" \(1000015 chars\) \(expected one of/);
    expectOneSafeLine(r.stderr);
    // A list quoted as JSON is cut the same way.
    doc.calls[0].op = 'logon';
    doc.profiles[0].services[0].providers[0].kind = [Array.from({ length: 10_000 }, (_, i) => i)];
    const list = await simulate(file('huge-list.json', JSON.stringify(doc)));
    expect(list.stderr).toMatch(/providers\[0\]\.kind: .*got \[\[0,1,2,3.*… \(\d+ chars\)$/m);
    expectOneSafeLine(list.stderr);
  });

  it('a key with control characters is quoted and escaped in the field path', async () => {
    const doc = JSON.parse(spec);
    doc.calls[1].answers[`\u001b[31m${'k'.repeat(500)}`] = [];
    const r = await simulate(file('bad-key.json', JSON.stringify(doc)));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/calls\[1\]\.answers: unknown dialog kind "\\u001b\[31mkkk+…" \(505 chars\)/);
    expectOneSafeLine(r.stderr);
  });

  it('text that is not JSON: the problem and where, never V8\'s raw excerpt of the text', async () => {
    const r = await simulate(file('not-json.json', `{"profiles": [], "calls": [\u001b[2J${'y'.repeat(5000)}`));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/: not JSON: unexpected token '\\u001b' at line 1, column 28\n$/);
    expectOneSafeLine(r.stderr);
    const at = await simulate(file('not-json-at.json', '{\n  "profiles": [],\n  "calls": [1 2]\n}'));
    expect(at.stderr).toMatch(/not JSON: expected ',' or '\]' after array element at line 3, column 15\n$/);
  });

  it.each([
    ['an empty file', '', /empty file \(expected a scenario/],
    ['only spaces', '  \n\t ', /empty file/],
    ['bytes that are not UTF-8', Buffer.concat([Buffer.from('{"profiles": [], "ca'), Buffer.from([0xff, 0xfe, 0x80]), Buffer.from('lls": []}')]), /not UTF-8 text: byte 0xff at offset 20/],
    ['UTF-16', Buffer.from(`\ufeff${spec}`, 'utf16le'), /not UTF-8 text: it starts with a UTF-16 byte-order mark/],
  ])('%s: named, exit 2', async (_, content, message) => {
    const r = await simulate(file('odd.json', content));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expectOneSafeLine(r.stderr);
  });

  it('a directory, a missing file, a file over the size cap: named, exit 2', async () => {
    const dir = await simulate(tmp);
    expect(dir.stderr).toMatch(/a directory, not a scenario file/);
    const huge = await simulate(file('huge.json', Buffer.alloc(MAX_FILE_BYTES + 1, 0x20)));
    expect(huge.stderr).toMatch(/too large \(8\.0 MiB; a scenario file is at most 8\.0 MiB\)/);
    const missing = await simulate(join(tmp, `nope-\u001b[31m-${'n'.repeat(200)}.json`));
    expect(missing.stderr).toMatch(/cannot read the file \(ENOENT\)/);
    for (const r of [dir, huge, missing]) {
      expect(r.code).toBe(2);
      expectOneSafeLine(r.stderr);
    }
  });

  it.each([
    ['profiles', (d: any) => d.profiles.push({ ...d.profiles[0], name: ' work ', default: false }), /profiles\[1\]\.name: duplicate profile name " work " \(the same as "Work" at profiles\[0\]\)/],
    ['profiles (NFKC)', (d: any) => d.profiles.push({ ...d.profiles[0], name: 'Ｗｏｒｋ', default: false }), /duplicate profile name "Ｗｏｒｋ" \(the same as "Work"/],
    ['profiles (NFC)', (d: any) => d.profiles.push({ name: 'Caf\u00e9', services: [] }, { name: 'Cafe\u0301', services: [] }), /profiles\[2\]\.name: duplicate profile name "Cafe\u0301" \(the same as "Caf\u00e9"/],
    ['services in a profile', (d: any) => d.profiles[0].services.push({ name: 'EXCHANGE', providers: [] }), /services\[1\]\.name: duplicate service name "EXCHANGE" \(the same as "Exchange" at services\[0\]\)/],
    ['providers in a service', (d: any) => d.profiles[0].services[0].providers.push({ name: 'gal\t', kind: 'store' }), /providers\[3\]\.name: duplicate provider name "gal\\t" \(the same as "GAL" at providers\[0\]\)/],
  ])('near-duplicate names are duplicates: %s', async (_, change, message) => {
    const doc = JSON.parse(spec);
    change(doc);
    const r = await simulate(file('dupes.json', JSON.stringify(doc)));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expectOneSafeLine(r.stderr);
  });

  it('a bad option value or command name is echoed as a short escaped excerpt too', async () => {
    const long = `x\u001b[2J${'y'.repeat(5000)}`;
    const option = await runCliCaptured(['simulate', '--interpreter', long, join(root, 'examples/scenarios/spec-example.json')]);
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/--interpreter <interpreter>' argument "x\\u001b\[2Jyyy+…" \(5005 chars\) is invalid/);
    const command = await runCliCaptured([long]);
    expect(command.code).toBe(2);
    for (const r of [option, command]) expectOneSafeLine(r.stderr);
  });

  it('createMapiSubsystem refuses near-duplicate names too, with a bounded message', () => {
    expect(() =>
      createMapiSubsystem({ profiles: [{ name: 'Work', services: [] }, { name: 'WORK ', services: [] }] }),
    ).toThrow(/profiles\[1\]\.name: duplicate profile name "WORK " \(the same as "Work" at profiles\[0\]\)/);
    let message = '';
    try {
      createMapiSubsystem({ profiles: [{ name: 'Work', credentials: `\u001b[2J${'z'.repeat(100_000)}` as 'valid', services: [] }] });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/credentials: unknown credentials value "\\u001b\[2Jzzz+…" \(100004 chars\)/);
    expect(message.length).toBeLessThan(MAX_LINE + 40);
  });

  it('excerpts: at most 40 written characters, never cut inside an escape or a surrogate pair; oneLine is idempotent', () => {
    expect(quote('short')).toBe('"short"');
    const cut = quote(`${'a'.repeat(37)}\u001b${'b'.repeat(10)}`);
    expect(cut).toBe(`"${'a'.repeat(37)}…" (48 chars)`);
    expect(quote('😀'.repeat(30))).toBe(`"${'😀'.repeat(20)}…" (60 chars)`);
    const line = oneLine(`x: "${'q'.repeat(1000)}" and\nmore`);
    expect(oneLine(line)).toBe(line);
    expect(line).toBe(`x: "${'q'.repeat(40)}…" (1000 chars) and more`);
    expect(oneLine('z'.repeat(10_000)).length).toBe(MAX_LINE);
    expect(new ScenarioError('a\nb\u001b').message).toBe('a b\\u001b');
  });

  it('the syntax locator agrees with JSON.parse: -1 exactly on JSON, and near V8\'s offset where V8 gives one', () => {
    const pieces = ['"', '\\', '[', ']', '{', '}', ',', ':', ' ', '1', '-', 'e', '.', 'null', 'tru', '\u0001', 'x', '\\u12', '0', '\n'];
    fc.assert(
      fc.property(fc.nat(spec.length), fc.array(fc.tuple(fc.constantFrom(...pieces), fc.boolean()), { minLength: 1, maxLength: 3 }), (at, edits) => {
        let text = spec;
        for (const [piece, insert] of edits) text = insert ? text.slice(0, at) + piece + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
        let v8: number | null = null;
        let valid = true;
        try {
          JSON.parse(text);
        } catch (error) {
          valid = false;
          const m = /position (\d+)/.exec((error as Error).message);
          if (m) v8 = Number(m[1]);
        }
        const mine = syntaxErrorAt(text);
        expect(mine === -1).toBe(valid);
        // Near where V8 says (it may name the next character of the same token).
        if (v8 !== null) expect(Math.abs(mine - v8)).toBeLessThanOrEqual(2);
      }),
      { seed: 11, numRuns: 2000 },
    );
    expect(syntaxErrorAt('['.repeat(100_000))).toBe(100_000);
  });
});

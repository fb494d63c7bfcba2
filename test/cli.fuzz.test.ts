import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../src/cli/main.js';
import { OPS } from '../src/schema/names.js';
import { builtSource } from './helpers/builtSources.js';

/**
 * V-R6 kept by a seeded fuzz test: mutated scenario files (text and structure) through the CLI's
 * simulate. Each run ends with exit 0 and one JSON result per call, or exit 2 and one short,
 * escaped line on stderr: never a stack trace, a crash, raw control bytes or a flood.
 */

const root = join(import.meta.dirname, '..');
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const CASES = Number(process.env.FUZZ_CASES ?? 300);
const tmp = mkdtempSync(join(tmpdir(), 'mapi-logon-fuzz-'));

/** mulberry32: a small seeded PRNG, so a failing case can be run again from its seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick };
}
type Rng = ReturnType<typeof prng>;

const examples = readdirSync(join(root, 'examples/scenarios'))
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => readFileSync(join(root, 'examples/scenarios', f), 'utf8'));

/** Characters a hostile file is made of: controls, escapes, quotes, brackets, bidi, surrogates, wide forms. */
const NASTY = ['\u001b', '\u001b[2J', '\u0000', '\u0007', '\n', '\r', '\t', '"', '\\', '[', ']', '{', '}', ',', ':', '\u202e', '\u2028', '\ufeff', '\ud800', '\udc00', '\u0085', 'é', 'Ｗ', '\u00a0', '😀', 'x', '0', '-', 'null', 'true'];
const NAMES = ['Work', 'work', ' Work ', 'ＷＯＲＫ', 'W\u0301ork', 'Exchange', 'exchange', 'GAL', 'gal ', 'Ｇａｌ'];
const FLAG_NAMES = ['MAPI_LOGON_UI', 'MAPI_NEW_SESSION', 'MAPI_ALLOW_OTHERS', 'MAPI_USE_DEFAULT', 'MAPI_NO_MAIL', 'MAPI_PASSWORD_UI', 'MAPI_SERVICE_UI_ALWAYS', 'MAPI_TIMEOUT_SHORT', 'MAPI_FORCE_DOWNLOAD', 'MAPI_LOGOFF_SHARED', 'MAPI_NOPE'];
const HRS = ['S_OK', 'MAPI_E_CALL_FAILED', 'MAPI_E_FAILONEPROVIDER', 'MAPI_E_UNCONFIGURED', 'MAPI_E_NETWORK_ERROR', 'MAPI_W_ERRORS_RETURNED', 'E_NOPE'];

const nasty = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.pick(NASTY)).join('');
const DEEP = '\u0000DEEP\u0000';

/** A value of any JSON type, sometimes huge, deep or full of escape bytes. */
function randomValue(rng: Rng): unknown {
  switch (rng.int(12)) {
    case 0: return rng.pick([0, -1, 1.5, 2 ** 32, 0xffffffff, 1e308, -0]);
    case 1: return rng.pick([true, false, null]);
    case 2: return nasty(rng, 1 + rng.int(12));
    case 3: return 'x'.repeat(rng.pick([41, 300, 100_000, 1_000_000])) + nasty(rng, 3);
    case 4: return DEEP; // replaced by deep nesting in the text
    case 5: return [randomValue(rng), randomValue(rng)];
    case 6: return { [nasty(rng, 3)]: randomValue(rng) };
    case 7: return rng.pick(OPS);
    case 8: return rng.pick(NAMES);
    case 9: return [rng.pick(FLAG_NAMES), rng.pick(FLAG_NAMES)];
    case 10: return rng.pick(HRS);
    default: return {};
  }
}

/** Every object or array in `value` with its keys, to pick a place to change. */
function places(value: unknown, out: [Record<string, unknown> | unknown[], string | number][] = []) {
  if (Array.isArray(value)) value.forEach((v, i) => (out.push([value, i]), places(v, out)));
  else if (value && typeof value === 'object') Object.entries(value).forEach(([k, v]) => (out.push([value as Record<string, unknown>, k]), places(v, out)));
  return out;
}

/** A structural change: a field of another type, a near-duplicate name, a random op, calls moved or lost. */
function mutateTree(rng: Rng, doc: Record<string, unknown>): void {
  const spots = places(doc);
  switch (rng.int(7)) {
    case 0:
    case 1: {
      const [holder, key] = rng.pick(spots);
      (holder as Record<string | number, unknown>)[key] = randomValue(rng);
      break;
    }
    case 2: {
      const [holder, key] = rng.pick(spots);
      if (Array.isArray(holder)) holder.splice(key as number, 1);
      else delete holder[key as string];
      break;
    }
    case 3: {
      // A near-duplicate of a profile, service or provider name (V-R6).
      const named = spots.filter(([h, k]) => k === 'name' && typeof (h as Record<string, unknown>).name === 'string');
      if (named.length === 0) break;
      const [holder] = rng.pick(named);
      const name = (holder as { name: string }).name;
      (holder as { name: string }).name = rng.pick([name.toUpperCase(), ` ${name} `, name.normalize('NFD'), name.replace(/[A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)), name.toLowerCase()]);
      break;
    }
    case 4: {
      const calls = doc.calls;
      if (Array.isArray(calls) && calls.length > 0) calls.push(structuredClone(calls[rng.int(calls.length)]));
      break;
    }
    case 5: {
      const calls = doc.calls;
      if (Array.isArray(calls) && calls.length > 0) (calls[rng.int(calls.length)] as Record<string, unknown>).op = rng.pick([...OPS, 'reboot', '']);
      break;
    }
    default: {
      const calls = doc.calls;
      if (Array.isArray(calls) && calls.length > 0) (calls[rng.int(calls.length)] as Record<string, unknown>).flags = rng.pick([randomValue(rng), [rng.pick(FLAG_NAMES)], rng.int(2 ** 33)]);
    }
  }
}

/** A change to the text: characters deleted, inserted or flipped, the file cut short, a BOM. */
function mutateText(rng: Rng, text: string): string {
  const at = rng.int(text.length + 1);
  switch (rng.int(6)) {
    case 0: return text.slice(0, at) + text.slice(at + 1 + rng.int(20));
    case 1: return text.slice(0, at) + nasty(rng, 1 + rng.int(4)) + text.slice(at);
    case 2: return text.slice(0, at) + rng.pick(NASTY) + text.slice(at + 1);
    case 3: return text.slice(0, at);
    case 4: return `\ufeff${text}`;
    default: return text.slice(0, at) + '['.repeat(rng.pick([33, 4100, 100_000])) + text.slice(at);
  }
}

interface Case {
  name: string;
  bytes: Buffer;
}

/** Case `i` of the run: an example changed once to four times, in its structure or its text, sometimes not UTF-8. */
function makeCase(i: number): Case {
  const rng = prng(SEED + i * 7919);
  let text = rng.pick(examples);
  const steps: string[] = [];
  if (rng.next() < 0.6) {
    const doc = JSON.parse(text) as Record<string, unknown>;
    const n = 1 + rng.int(3);
    for (let k = 0; k < n; k++) mutateTree(rng, doc);
    const depth = rng.pick([20, 33, 4100, 100_000]);
    text = JSON.stringify(doc, null, rng.int(2) ? 2 : undefined).replace(`"${JSON.stringify(DEEP).slice(1, -1)}"`, `${'['.repeat(depth)}${']'.repeat(depth)}`);
    steps.push(`tree×${n}`);
  }
  if (rng.next() < 0.5) {
    const n = 1 + rng.int(2);
    for (let k = 0; k < n; k++) text = mutateText(rng, text);
    steps.push(`text×${n}`);
  }
  let bytes = Buffer.from(text, 'utf8');
  if (rng.next() < 0.05) {
    // Not UTF-8: a stray byte, or UTF-16.
    bytes = rng.int(2) ? Buffer.concat([bytes.subarray(0, 10), Buffer.from([0xff, 0xc0]), bytes.subarray(10)]) : Buffer.from(`\ufeff${text}`, 'utf16le');
    steps.push('bytes');
  }
  if (rng.next() < 0.03) {
    bytes = Buffer.alloc(0);
    steps.push('empty');
  }
  return { name: `case ${i} (seed ${SEED}, ${steps.join(', ') || 'unchanged'})`, bytes };
}

/** The number of calls of a file that holds a valid scenario (what the results must match). */
function callCount(bytes: Buffer): number {
  const doc = JSON.parse(bytes.toString('utf8').replace(/^\ufeff/, '')) as { calls: unknown[] };
  return doc.calls.length;
}

/** Characters a terminal would act on, and lone surrogates. */
const RAW_UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The V-R6 verdict on one run; a string says what is wrong. */
function verdict(bytes: Buffer, r: { code: number | null; stdout: string; stderr: string }): string | null {
  if (r.code === 0) {
    if (r.stderr !== '') return `exit 0 with stderr ${JSON.stringify(r.stderr.slice(0, 200))}`;
    let out: { results?: unknown[] };
    try {
      out = JSON.parse(r.stdout);
    } catch {
      return 'exit 0 without JSON on stdout';
    }
    const calls = callCount(bytes);
    return Array.isArray(out.results) && out.results.length === calls ? null : `exit 0 with ${out.results?.length} results for ${calls} calls`;
  }
  if (r.code === 2) {
    if (r.stdout !== '') return 'exit 2 with output on stdout';
    if (!r.stderr.endsWith('\n') || r.stderr.indexOf('\n') !== r.stderr.length - 1) return `exit 2 without exactly one line: ${JSON.stringify(r.stderr.slice(0, 300))}`;
    if (r.stderr.length > 330) return `exit 2 with a line of ${r.stderr.length} characters`;
    if (/\bat .*:\d+:\d+/.test(r.stderr)) return `a stack trace: ${r.stderr}`;
    if (RAW_UNSAFE.test(r.stderr.slice(0, -1))) return `raw control characters: ${JSON.stringify(r.stderr)}`;
    if (!r.stderr.startsWith('mapi-logon: ')) return `not our message: ${JSON.stringify(r.stderr)}`;
    return null;
  }
  return `exit ${r.code}: ${JSON.stringify(r.stderr.slice(0, 300))}`;
}

function write(c: Case, i: number): string {
  const file = join(tmp, `case-${i}.json`);
  writeFileSync(file, c.bytes);
  return file;
}

describe('V-R6: mutated scenario files never crash, hang or flood the CLI (seeded fuzz)', () => {
  it(`${CASES} mutated files through simulate (in-process): exit 0 with one result per call, or exit 2 with one short line`, async () => {
    const failures: string[] = [];
    const codes = { ok: 0, bad: 0 };
    for (let i = 0; i < CASES; i++) {
      const c = makeCase(i);
      const r = await runCliCaptured(['simulate', write(c, i)]);
      const wrong = verdict(c.bytes, r);
      if (wrong) failures.push(`${c.name}: ${wrong}`);
      if (r.code === 0) codes.ok++;
      else codes.bad++;
    }
    expect(failures).toEqual([]);
    // The mutations reach both outcomes: some files stay valid, most are refused.
    expect(codes.ok).toBeGreaterThan(CASES / 20);
    expect(codes.bad).toBeGreaterThan(CASES / 3);
  }, 300_000);

  it('as a process: the line is written in full before exit, through a pipe, at any depth and size', async () => {
    const run = (file: string) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [builtSource('src/cli/main.ts'), 'simulate', file], { cwd: root, env: { ...process.env, NO_COLOR: '1' } });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d) => (stdout += d));
        child.stderr.on('data', (d) => (stderr += d));
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });
    const spec = readFileSync(join(root, 'examples/scenarios/spec-example.json'), 'utf8');
    const doc = JSON.parse(spec);
    doc.calls[0].op = `\u001b[2J\u001b]0;pwned\u0007${'x'.repeat(1_000_000)}`;
    const files: [string, Buffer][] = [
      ['huge escape-laden value', Buffer.from(JSON.stringify(doc))],
      ['4,100 deep', Buffer.from(`${'['.repeat(4100)}${']'.repeat(4100)}`)],
      ['100,000 deep', Buffer.from(`{"profiles":${'['.repeat(100_000)}${']'.repeat(100_000)},"calls":[]}`)],
      ['a BOM', Buffer.from(`\ufeff${spec}`)],
    ];
    const results = await Promise.all(files.map(([, bytes], i) => run(write({ name: '', bytes }, 10_000 + i))));
    results.forEach((r, i) => expect(verdict(files[i]![1], r), files[i]![0]).toBeNull());
    expect(results[3]!.code).toBe(0);
    expect(results[0]!.stderr).toMatch(/^mapi-logon: .*calls\[0\]\.op: unknown op "\\u001b\[2J\\u001b\]0;pwned\\u0007x+…" \(1000014 chars\)/);
    expect(results[1]!.stderr).toMatch(/nested deeper than 32 levels at line 1, column 33/);
  }, 180_000);
});

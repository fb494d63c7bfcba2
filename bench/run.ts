// `npm run bench` (or `npm run bench -- --quick`): measures the model and writes bench/results.json.
// Every comparison is a ratio measured inside this one run; BENCHMARKS.md explains the method.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { cpus } from 'node:os';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import fc from 'fast-check';
import { Bench } from 'tinybench';
import { createMapiSubsystem } from '../src/subsystem/createMapiSubsystem.js';
import { runScenario } from '../src/simulator/runScenario.js';
import { flowchartA } from '../properties/oracle/flowchartA.js';
import { runFlowchartA } from '../properties/exhaustive/runFlowchartA.js';
import { forEachFlowchartACase, FLAG_COMBINATIONS, TOTAL_CASES, credentialCheck, type FlowchartACase } from '../properties/exhaustive/flowchartACases.js';
import { packAndInstall } from './consumerInstall.js';
import { round } from './measure.js';
import { retainedPerEnded } from './retainedPerEnded.js';
import { simulatorScenario, logonProfiles } from './workloads.js';

const quick = process.argv.includes('--quick');
const root = join(import.meta.dirname, '..');
const resultsPath = join(import.meta.dirname, 'results.json');
const time = quick ? 150 : 600;
const ms = (t: { result?: unknown }) => (t.result as { latency: { p50: number } }).latency.p50;

// --- flowchart A: a plain function against the machine, on the same mix of inputs ---------------
const mix: FlowchartACase[] = fc.sample(
  fc.record({
    flags: fc.integer({ min: 0, max: FLAG_COMBINATIONS - 1 }).map((i) => i),
    profileName: fc.constantFrom(null, '', 'Work', 'Missing'),
    shared: fc.boolean(),
    hasDefault: fc.boolean(),
    credentials: fc.constantFrom('valid' as const, 'invalid' as const),
    picker: fc.constantFrom('Work', null),
    password: fc.constantFrom('valid' as const, 'invalid' as const, 'cancel' as const),
  }),
  { numRuns: 1000, seed: 42 },
).map((c) => ({ ...c, flags: flagsOf(c.flags) }));
function flagsOf(i: number): number {
  let f = 0;
  [0x1, 0x2, 0x8, 0x10, 0x20, 0x40, 0x1000, 0x2000, 0x8000, 0x10000, 0x20000, 0x100000, 0x200000, 0x80000000].forEach((bit, b) => {
    if (i & (1 << b)) f = (f | bit) >>> 0;
  });
  return f;
}
const baselineInput = (c: FlowchartACase) => ({
  flags: c.flags,
  profileName: c.profileName,
  sharedProfile: c.shared ? 'Work' : null,
  defaultProfile: c.hasDefault ? 'Work' : null,
  credentials: (p: string | null) => credentialCheck(p, c.credentials),
  picker: c.picker,
  password: c.password,
});
const mixInputs = mix.map(baselineInput);
let k = 0;
const benchA = new Bench({ time });
benchA.add('flowchart A: plain function', () => flowchartA(mixInputs[k++ % mixInputs.length]!));
benchA.add('flowchart A: session machine, compiled interpreter', () => runFlowchartA(mix[k++ % mix.length]!, 'compiled'));
benchA.add('flowchart A: session machine, xstate pure transitions', () => runFlowchartA(mix[k++ % mix.length]!, 'xstate'));
await benchA.run();
const baselineNs = ms(benchA.tasks[0]!) * 1e6;
const machineNs = ms(benchA.tasks[1]!) * 1e6;
const xstateNs = ms(benchA.tasks[2]!) * 1e6;

// --- full logons through createMapiSubsystem, on both runtimes ----------------------------------------
// xstate's interpreter is the subsystem's default; the compiled engine is the opt-in for batch work.
// Each in a fresh process (bench/logonMedian.ts): measured after the flowchart A section in this
// one, xstate's interpreter came out ~50 % slower than alone (its code was compiled for other shapes).
// The figure is the lowest of three such medians, taken one after another: the host's other tenants
// only ever add time, and a burst of theirs lasting seconds moves a whole window (one quick run
// on 2026-11-24 read 1,002, 844 and 473 µs). Windows of at least 400 ms, quick or not.
const LOGON_WINDOWS = 3;
function logonMedianUs(services: number, providers: number, interpreter: 'compiled' | 'xstate'): { medianUs: number; windowsUs: number[] } {
  const script = join(import.meta.dirname, 'logonMedian.ts');
  const windowsUs = Array.from({ length: LOGON_WINDOWS }, () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', script, String(services), String(providers), interpreter, String(Math.max(time, 400))], { cwd: root, encoding: 'utf8' });
    return round((JSON.parse(out.trim().split('\n').pop()!) as { medianUs: number }).medianUs, 1);
  });
  return { medianUs: Math.min(...windowsUs), windowsUs };
}
const small = logonMedianUs(1, 3, 'xstate');
const smallCompiled = logonMedianUs(1, 3, 'compiled');
const large = logonMedianUs(4, 4, 'xstate');
const largeCompiled = logonMedianUs(4, 4, 'compiled');

// --- memory held per live session --------------------------------------------------------------------
async function sessionBytes(): Promise<number | null> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return null;
  const mapi = createMapiSubsystem({ profiles: logonProfiles(1, 3), interpreter: 'xstate' });
  await mapi.initialize();
  const held: unknown[] = [];
  const count = quick ? 500 : 2000;
  for (let i = 0; i < 50; i++) held.push(await mapi.logonEx({ profileName: 'Work', flags: ['MAPI_NEW_SESSION'], client: `w${i}` }));
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < count; i++) held.push(await mapi.logonEx({ profileName: 'Work', flags: ['MAPI_NEW_SESSION'], client: `s${i}` }));
  gc();
  const after = process.memoryUsage().heapUsed;
  return Math.round((after - before) / count);
}
const bytes = await sessionBytes();
// Issue 11's definition: 100,000 cycles against 1,000, on the compiled engine (the same subsystem
// code keeps the same data on either runtime; xstate's interpreter would take minutes).
const retained = await retainedPerEnded(quick ? 11_000 : 100_000, 1_000, 'compiled');

// --- the exhaustive flowchart A check (properties issue) ------------------------------------------------
// On the compiled engine: one thread, then two workers (the check is embarrassingly parallel): both are reported.
// Quick: every 4th flag combination (786,432 cases): a 1/16 sample took ~0.1 s per worker, short
// enough for the JIT's warm-up to swing the rate between 530,000 and 980,000 cases/s.
const step = quick ? 4 : 1;
const flagSubset = Array.from({ length: FLAG_COMBINATIONS / step }, (_, i) => i * step);
const t0 = performance.now();
const cases = forEachFlowchartACase(() => {}, flagSubset);
const casesPerSecOneThread = cases / ((performance.now() - t0) / 1000);
const workers = 2;
const t1 = performance.now();
const shares = await Promise.all(
  Array.from(
    { length: workers },
    (_, index) =>
      new Promise<{ cases: number; ms: number }>((resolve, reject) => {
        const w = new Worker(new URL('./exhaustiveWorker.mjs', import.meta.url), { workerData: { index, workers, step } });
        w.once('message', resolve);
        w.once('error', reject);
      }),
  ),
);
const parallelCases = shares.reduce((n, s) => n + s.cases, 0);
if (parallelCases !== cases) throw new Error(`the workers checked ${parallelCases} cases, one thread ${cases}`);
// The rate while checking: the slowest worker's time from its first case to its last (a worker's
// start, loading tsx and the machines, is left out); with the start, casesPerSecWithStart.
const casesPerSec = parallelCases / (Math.max(...shares.map((s) => s.ms)) / 1000);
const casesPerSecWithStart = parallelCases / ((performance.now() - t1) / 1000);
// For scale: the same check on xstate's pure transitions, one thread, every 16th flag combination.
const xstateSubset = Array.from({ length: FLAG_COMBINATIONS / 16 }, (_, i) => i * 16);
const t2 = performance.now();
const xstateCases = forEachFlowchartACase(() => {}, xstateSubset, 'xstate');
const casesPerSecXstate = xstateCases / ((performance.now() - t2) / 1000);

// --- the simulator at 1,000 and 10,000 calls ----------------------------------------------------------
async function perCallUs(calls: number): Promise<number> {
  const scenario = simulatorScenario(calls);
  await runScenario(simulatorScenario(200));
  const t = performance.now();
  await runScenario(scenario);
  return ((performance.now() - t) * 1000) / calls;
}
const us1k = await perCallUs(1000);
const us10k = await perCallUs(10_000);

// --- the machines entry, minified and gzipped, xstate external ------------------------------------------
const bundle = await build({
  entryPoints: [join(root, 'machines/index.ts')],
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'neutral',
  external: ['xstate'],
  write: false,
  logLevel: 'silent',
});
const machinesGzipBytes = gzipSync(bundle.outputFiles[0]!.contents).length;

// --- cold import of the package root (bundled like a consumer gets it, dependencies external) ----------
// Inside the repo, so that its node_modules resolve the dependencies.
const dir = join(import.meta.dirname, '.cold-import');
await build({
  entryPoints: [join(root, 'src/index.ts')],
  bundle: true,
  format: 'esm',
  platform: 'node',
  packages: 'external',
  outfile: join(dir, 'index.mjs'),
  logLevel: 'silent',
});
const colds: number[] = [];
for (let i = 0; i < (quick ? 3 : 7); i++) {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', `const t=performance.now(); await import(${JSON.stringify(join(dir, 'index.mjs'))}); console.log(performance.now()-t)`], { cwd: root, encoding: 'utf8' });
  colds.push(Number(out.trim()));
}
colds.sort((a, b) => a - b);
const coldMs = colds[Math.floor(colds.length / 2)]!;

// --- what an app installs: the packed tarball and the xstate peer in an empty folder ------------------------
// npm pack builds the package first; a build broken by work in progress leaves the figures null.
let consumer: { installBytes: number; packages: number } | null = null;
try {
  const app = packAndInstall();
  consumer = { installBytes: app.installBytes, packages: app.packages.length };
} catch (error) {
  console.error(`package: npm pack and install failed, figures left null: ${(error as Error).message.split('\n')[0]}`);
}

// --- wall time of npm test (full run only; --quick keeps the last measured value) ------------------------
const previous = existsSync(resultsPath) ? (JSON.parse(readFileSync(resultsPath, 'utf8')) as { tests?: { wallS?: number | null } }) : {};
let wallS: number | null = previous.tests?.wallS ?? null;
let wallMeasured = false;
if (!quick) {
  const t = performance.now();
  const r = spawnSync('npm', ['test', '--silent'], { cwd: root, stdio: 'ignore', env: { ...process.env } });
  if (r.status === 0) {
    wallS = round((performance.now() - t) / 1000, 1);
    wallMeasured = true;
  }
}

const results = {
  machine: { node: process.version, cpus: cpus().length, quick },
  flowchartA: {
    baselineNs: round(baselineNs, 1),
    machineNs: round(machineNs, 1),
    ratio: round(machineNs / baselineNs, 1),
    interpreter: 'compiled',
    xstateNs: round(xstateNs, 1),
    xstateRatio: round(xstateNs / baselineNs, 1),
  },
  logon: {
    // medianUs: xstate's interpreter (the default runtime); compiledMedianUs: the compiled engine.
    interpreter: 'xstate',
    // The windows are rounded already, so is their minimum.
    small: { medianUs: small.medianUs, compiledMedianUs: smallCompiled.medianUs, windowsUs: small.windowsUs, compiledWindowsUs: smallCompiled.windowsUs },
    large: { medianUs: large.medianUs, compiledMedianUs: largeCompiled.medianUs, windowsUs: large.windowsUs, compiledWindowsUs: largeCompiled.windowsUs },
  },
  session: { bytes, interpreter: 'xstate', retainedBytesPerEnded: retained?.bytesPerEnded ?? null, retainedCycles: retained?.cycles ?? null, retainedInterpreter: retained?.interpreter ?? null, stateMsAfterCycles: retained?.stateMs ?? null },
  exhaustive: { interpreter: 'compiled', cases, casesPerSec: Math.round(casesPerSec), casesPerSecWithStart: Math.round(casesPerSecWithStart), workers, casesPerSecOneThread: Math.round(casesPerSecOneThread), casesPerSecXstateOneThread: Math.round(casesPerSecXstate), totalCases: TOTAL_CASES },
  package: { consumerInstallBytes: consumer?.installBytes ?? null, consumerPackages: consumer?.packages ?? null },
  simulator: { perCallUs1k: round(us1k, 1), perCallUs10k: round(us10k, 1), scaling: round(us10k / us1k, 2) },
  bundle: { machinesGzipBytes },
  import: { coldMs: round(coldMs, 1) },
  tests: { wallS, measuredThisRun: wallMeasured },
};
// Keys other benchmarks write (bench/checker.ts's `checker`) are kept.
writeFileSync(resultsPath, JSON.stringify({ ...(previous as object), ...results }, null, 2) + '\n');

const goals: Array<[string, number | null, string, number]> = [
  ['flowchartA.ratio', results.flowchartA.ratio, '≤', 30],
  ['logon.small.medianUs', results.logon.small.medianUs, '≤', 600],
  ['logon.small.compiledMedianUs', results.logon.small.compiledMedianUs, '≤', 60],
  ['exhaustive.casesPerSec', results.exhaustive.casesPerSec, '≥', 400_000],
  ['package.consumerInstallBytes', results.package.consumerInstallBytes, '≤', 15 * 1024 * 1024],
  ['package.consumerPackages', results.package.consumerPackages, '≤', 8],
  ['simulator.scaling', results.simulator.scaling, '≤', 1.3],
  ['bundle.machinesGzipBytes', machinesGzipBytes, '≤', 8192],
  ['session.retainedBytesPerEnded', results.session.retainedBytesPerEnded, '≤', 64],
];
const rows: Array<[string, { value: unknown; goal: string }]> = [
      ['flowchartA.baselineNs', results.flowchartA.baselineNs],
      ['flowchartA.machineNs', results.flowchartA.machineNs],
      ['flowchartA.xstateNs', results.flowchartA.xstateNs],
      ['flowchartA.xstateRatio', results.flowchartA.xstateRatio],
      ['logon.large.medianUs', results.logon.large.medianUs],
      ['logon.large.compiledMedianUs', results.logon.large.compiledMedianUs],
      ['session.bytes', bytes],
      ['exhaustive.cases', cases],
      ['exhaustive.casesPerSecWithStart', results.exhaustive.casesPerSecWithStart],
      ['exhaustive.casesPerSecOneThread', results.exhaustive.casesPerSecOneThread],
      ['exhaustive.casesPerSecXstateOneThread', results.exhaustive.casesPerSecXstateOneThread],
      ['simulator.perCallUs1k', results.simulator.perCallUs1k],
      ['simulator.perCallUs10k', results.simulator.perCallUs10k],
      ['import.coldMs', results.import.coldMs],
      ['tests.wallS', wallS],
].map(([key, value]) => [key as string, { value, goal: '' }]);
for (const [key, value, op, goal] of goals) {
  rows.push([key, { value, goal: `${op} ${goal} ${value !== null && (op === '≤' ? value <= goal : value >= goal) ? 'met' : 'MISSED'}` }]);
}
console.table(Object.fromEntries(rows));
console.log(`wrote ${resultsPath}`);

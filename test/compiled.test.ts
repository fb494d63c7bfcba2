import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { assign, createActor, enqueueActions, fromPromise, sendParent, sendTo, setup, toPromise, type AnyStateMachine } from 'xstate';
import { sessionLogonMachine } from '../machines/sessionLogon.js';
import { availabilityFor, compiledEngineAvailable, compileMachine, runCompiled, UnsupportedMachineError, VERIFIED_XSTATE_VERSIONS } from '../src/compiled/index.js';
import { createMapiSubsystem } from '../src/subsystem/createMapiSubsystem.js';

// Test machines are typed loosely: what matters is the run, on both interpreters.
async function onXstate(anyMachine: unknown, input?: unknown): Promise<unknown> {
  const machine = anyMachine as AnyStateMachine;
  const actor = createActor(machine, { input });
  const done = toPromise(actor);
  actor.start();
  return done;
}

async function onBoth(anyMachine: unknown, input?: unknown) {
  const machine = anyMachine as AnyStateMachine;
  const [x, c] = await Promise.allSettled([onXstate(machine, input), Promise.resolve().then(() => runCompiled(machine, input))]);
  return { x, c };
}

// A log in context shows the order of entries, exits and transition actions.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one helper for machines of several context types
const log = (line: string): any => assign(({ context }: { context: { log: string[] } }) => ({ log: [...context.log, line] }));

describe('compiled interpreter: the same run as xstate', () => {
  it('entry/exit/transition action order, nested states, targetless and reentering transitions', async () => {
    const machine = setup({ types: { context: {} as { log: string[]; n: number } } }).createMachine({
      context: { log: [], n: 0 },
      initial: 'a',
      states: {
        a: {
          entry: log('enter a'),
          exit: log('exit a'),
          initial: 'a1',
          states: {
            a1: {
              entry: log('enter a1'),
              exit: log('exit a1'),
              always: [
                { guard: ({ context }) => context.n < 2, target: 'a1', reenter: true, actions: [log('again'), assign({ n: ({ context }) => context.n + 1 })] },
                { target: '#done', actions: log('leave') },
              ],
            },
          },
        },
        done: { id: 'done', type: 'final', entry: log('enter done') },
      },
      output: ({ context }) => context.log,
    });
    const { x, c } = await onBoth(machine);
    expect(x.status).toBe('fulfilled');
    expect(c).toEqual(x);
  });

  it('a final child raises done.state for its parent (onDone); wildcard and exact events; enqueueActions and sendParent', async () => {
    const child = setup({}).createMachine({
      initial: 'start',
      states: { start: { entry: sendParent({ type: 'child.hello' }), always: 'end' }, end: { type: 'final' } },
      output: () => 'child out',
    });
    const machine = setup({
      types: { context: {} as { log: string[] } },
      actors: { child, later: fromPromise(async () => 7) },
    }).createMachine({
      context: { log: [] },
      initial: 'outer',
      states: {
        outer: {
          initial: 'inner',
          states: { inner: { always: 'finished' }, finished: { type: 'final' } },
          onDone: { target: 'talk', actions: log('outer done') },
        },
        talk: {
          entry: enqueueActions(({ enqueue }) => enqueue.spawnChild('child', { id: 'kid' })),
          on: {
            'child.*': { actions: log('wildcard') },
            'child.hello': { actions: log('exact') },
            'xstate.done.actor.kid': { target: 'wait', actions: assign({ log: ({ context, event }) => [...context.log, String(event.output)] }) },
          },
        },
        wait: { invoke: { src: 'later', onDone: { target: 'end', actions: assign({ log: ({ context, event }) => [...context.log, `later ${event.output}`] }) } } },
        end: { type: 'final' },
      },
      output: ({ context }) => context.log,
    });
    const { x, c } = await onBoth(machine);
    expect(x).toEqual({ status: 'fulfilled', value: ['outer done', 'exact', 'child out', 'later 7'] });
    expect(c).toEqual(x);
  });

  it('enqueueActions: check() reads the guards, a nested enqueueActions runs in order, custom actions see the context of their moment', async () => {
    const seen: number[][] = [];
    const machine = setup({
      types: { context: {} as { log: string[]; n: number } },
      guards: { small: ({ context }) => context.n < 2 },
      actions: { note: ({ context }) => void seen.at(-1)!.push(context.n) },
    }).createMachine({
      context: { log: [], n: 0 },
      initial: 'a',
      states: {
        a: {
          entry: [() => void seen.push([]), 'note'],
          always: [
            {
              guard: 'small',
              target: 'a',
              reenter: true,
              actions: enqueueActions(({ enqueue, check }) => {
                enqueue.assign({ n: ({ context }) => context.n + 1 });
                enqueue('note');
                enqueue(
                  enqueueActions(({ enqueue: inner, check: innerCheck }) => {
                    inner.assign({ log: ({ context }) => [...context.log, `inner ${innerCheck('small')}`] });
                  }),
                );
                enqueue.assign({ log: ({ context }) => [...context.log, `outer ${check('small')}`] });
              }),
            },
            { target: 'done' },
          ],
        },
        done: { type: 'final' },
      },
      output: ({ context }) => ({ log: context.log, n: context.n }),
    });
    const x = await onXstate(machine);
    const onXstateSeen = seen.splice(0);
    const c = await runCompiled(machine, undefined);
    // The outer check judges the context its collect saw (n = 1), the inner one the context after the assign (n = 2).
    expect(x).toEqual({ log: ['inner true', 'outer true', 'inner false', 'outer true'], n: 2 });
    expect(c).toEqual(x);
    expect(seen).toEqual(onXstateSeen);
  });

  it('enqueue.raise is refused, naming the machine, and the enqueuer works again afterwards', async () => {
    const raising = setup({}).createMachine({ id: 'raiser', initial: 'a', states: { a: { entry: enqueueActions(({ enqueue }) => enqueue.raise({ type: 'x' })) } } });
    await expect(Promise.resolve().then(() => runCompiled(raising, undefined))).rejects.toThrow(/machine 'raiser': enqueue\.raise is not run by the compiled interpreter/);
    const fine = setup({ types: { context: {} as { n: number } } }).createMachine({
      context: { n: 0 },
      initial: 'a',
      states: { a: { entry: enqueueActions(({ enqueue }) => enqueue.assign({ n: 1 })), always: 'end' }, end: { type: 'final' } },
      output: ({ context }) => context.n,
    });
    expect(await runCompiled(fine, undefined)).toBe(1);
  });

  it.each([
    ['an eventless guard', { a: { always: { guard: 'broken', target: 'b' } }, b: { type: 'final' } }],
    ['a guard on an event', { a: { invoke: { src: 'answer', onDone: { guard: 'broken', target: 'b' } } }, b: { type: 'final' } }],
  ])('%s that throws ends the run in error, with xstate\'s message', async (_, states) => {
    const machine = setup({
      guards: { broken: () => { throw new Error('boom'); } },
      actors: { answer: fromPromise(async () => 1) },
    }).createMachine({ initial: 'a', states: states as never });
    const { x, c } = await onBoth(machine);
    expect(x.status).toBe('rejected');
    expect(c.status).toBe('rejected');
    expect(String((c as PromiseRejectedResult).reason)).toBe(String((x as PromiseRejectedResult).reason));
  });

  it('the bare session machine (its default fromPromise actors) settles later, like xstate', async () => {
    const input = { flags: 0x1, profileName: null, sharedSession: null, defaultProfile: null, profiles: [{ name: 'Work', services: [] }] };
    const compiled = runCompiled(sessionLogonMachine, input);
    expect(compiled).toBeInstanceOf(Promise);
    expect(await compiled).toEqual(await onXstate(sessionLogonMachine, input));
  });
});

describe('compiled interpreter: what it refuses, before running', () => {
  it.each([
    ['a parallel state', { type: 'parallel', states: { a: {}, b: {} } }, /state 'm' uses a parallel state/],
    ['a history state', { initial: 'a', states: { a: {}, h: { type: 'history' } } }, /state 'm.h' uses a history state/],
    ['delayed transitions', { initial: 'a', states: { a: { after: { 10: 'b' } }, b: {} } }, /state 'm.a' uses delayed transitions/],
  ])('%s', (_, config, message) => {
    const machine = setup({}).createMachine({ id: 'm', ...(config as object) });
    expect(() => compileMachine(machine)).toThrow(UnsupportedMachineError);
    expect(() => compileMachine(machine)).toThrow(message);
  });
});

describe('createMapiSubsystem: the interpreter option', () => {
  const profiles = [{ name: 'Work', services: [] }];
  it('names a wrong interpreter', () => {
    expect(() => createMapiSubsystem({ profiles, interpreter: 'fast' as never })).toThrow(/interpreter must be '(compiled' or 'xstate|xstate' or 'compiled)', got "fast"/);
  });
  it('refuses the compiled interpreter with an inspector (an inspector sees xstate actors)', () => {
    expect(() => createMapiSubsystem({ profiles, interpreter: 'compiled', inspect: () => {} })).toThrow(/inspector sees xstate actors only/);
  });
});

describe('compiled interpreter: custom actions that throw', () => {
  // The child throws in an entry action at its start, or in a transition action on a later event.
  const child = setup({ actions: { boom: () => { throw new Error('boom'); } } }).createMachine({
    initial: 'a',
    states: { a: { entry: sendParent({ type: 'child.started' }), on: { go: { target: 'b', actions: 'boom' } } }, b: { type: 'final' } },
    output: () => 'child out',
  });
  const atStart = setup({ actions: { boom: () => { throw new Error('boom at start'); } } }).createMachine({
    initial: 'a',
    states: { a: { entry: 'boom', always: 'b' }, b: { type: 'final' } },
  });
  const parent = setup({ types: { context: {} as { log: string[] } }, actors: { child, atStart } }).createMachine({
    context: { log: [] },
    initial: 'first',
    states: {
      first: {
        invoke: { src: 'atStart', onDone: { target: 'second', actions: log('first done') }, onError: { target: 'second', actions: assign({ log: ({ context, event }) => [...context.log, `first failed: ${String(event.error)}`] }) } },
      },
      second: {
        invoke: { id: 'kid', src: 'child', onDone: { target: 'end', actions: log('second done') }, onError: { target: 'end', actions: assign({ log: ({ context, event }) => [...context.log, `second failed: ${String(event.error)}`] }) } },
        on: { 'child.started': { actions: [log('started'), sendTo('kid', { type: 'go' })] } },
      },
      end: { type: 'final' },
    },
    output: ({ context }) => context.log,
  });

  it("ends the child in error (its parent's onError), at its start and on a later event, as on xstate", async () => {
    const { x, c } = await onBoth(parent);
    expect(x).toEqual({ status: 'fulfilled', value: ['first failed: Error: boom at start', 'started', 'second failed: Error: boom'] });
    expect(c).toEqual(x);
  });

  it('rejects the run when the machine run is the one that throws', async () => {
    const { x, c } = await onBoth(atStart);
    expect(x.status).toBe('rejected');
    expect(String((c as PromiseRejectedResult).reason)).toBe(String((x as PromiseRejectedResult).reason));
  });
});

describe('compiled interpreter: answers that throw when read', () => {
  // A Proxy whose every trap throws: even asking it for `then` fails.
  const trap = () => new Proxy({}, { get: () => { throw new Error('trap'); }, has: () => { throw new Error('trap'); }, getPrototypeOf: () => { throw new Error('trap'); } });
  const profiles = [{ name: 'Work', default: true, services: [{ name: 'S', providers: [{ name: 'P', kind: 'store' as const }, { name: 'Q', kind: 'transport' as const }] }] }];
  it.each([
    ['at once', false],
    ['from a promise', true],
  ])('C-R10: a provider answering with a throwing Proxy (%s) gives xstate\'s result on both interpreters (logon S_OK, the provider at MAPI_E_CALL_FAILED)', async (_, later) => {
    const logon = async (interpreter: 'xstate' | 'compiled') => {
      const mapi = createMapiSubsystem({
        interpreter,
        profiles,
        providerLogon: ((ctx: { provider: string }) => (ctx.provider === 'P' ? (later ? Promise.resolve().then(trap) : trap()) : 'S_OK')) as never,
      });
      await mapi.initialize();
      const r = await mapi.logonEx({ profileName: 'Work', client: 'app' });
      return { hr: r.hr, path: r.path, services: r.services };
    };
    const onXstate = await logon('xstate');
    expect(onXstate.hr).toBe('S_OK');
    expect(JSON.stringify(onXstate.services)).toContain('MAPI_E_CALL_FAILED');
    expect(await logon('compiled')).toEqual(onXstate);
  });
});

describe('compiled interpreter: the xstate it was verified with', () => {
  const installed = (JSON.parse(readFileSync(join(import.meta.dirname, '../node_modules/xstate/package.json'), 'utf8')) as { version: string }).version;

  it('runs with the installed xstate, which is on the verified list (and package.json pins that peer range)', () => {
    expect(compiledEngineAvailable()).toEqual({ ok: true, xstateVersion: installed });
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../package.json'), 'utf8')) as { peerDependencies: Record<string, string> };
    expect(VERIFIED_XSTATE_VERSIONS).toContain(installed);
    expect(pkg.peerDependencies.xstate).toBe(VERIFIED_XSTATE_VERSIONS.join(' || '));
  });

  it('names both versions when another xstate is installed, and when none can be read', () => {
    const other = availabilityFor('5.0.0');
    expect(other.ok).toBe(false);
    expect(!other.ok && other.reason).toMatch(/verified with xstate 5\.33\.3, but xstate 5\.0\.0 is installed/);
    expect(availabilityFor(undefined)).toMatchObject({ ok: false, reason: expect.stringMatching(/could not read the installed xstate's version/) });
  });

  /**
   * The engine bundled (xstate external) into a folder whose node_modules/xstate is `fake`: the
   * real xstate under another version number, or a wrapper changing one of its exports. Returns
   * what `compiledEngineAvailable()` said there and what running a machine threw.
   */
  async function engineAgainst(fake: { version: string; sendToTag?: string }) {
    const dir = mkdtempSync(join(tmpdir(), 'mapi-fake-xstate-'));
    const real = join(import.meta.dirname, '../node_modules/xstate');
    const target = join(dir, 'node_modules/xstate');
    mkdirSync(target, { recursive: true });
    const pkg = JSON.parse(readFileSync(join(real, 'package.json'), 'utf8')) as Record<string, unknown>;
    if (fake.sendToTag === undefined) {
      writeFileSync(join(target, 'package.json'), JSON.stringify({ ...pkg, version: fake.version }));
      for (const sub of readdirSync(real).filter((f) => f !== 'package.json')) symlinkSync(join(real, sub), join(target, sub));
    } else {
      // xstate 5.0.0 tagged sendTo 'xsnapshot.sendTo': the same change on today's xstate.
      writeFileSync(join(target, 'package.json'), JSON.stringify({ name: 'xstate', version: fake.version, type: 'module', exports: { '.': './index.js', './package.json': './package.json' } }));
      const entry = JSON.stringify(join(real, 'dist/xstate.cjs.mjs'));
      writeFileSync(
        join(target, 'index.js'),
        `export * from ${entry};\nimport { sendTo as realSendTo } from ${entry};\nexport function sendTo(...args) { const action = realSendTo(...args); action.type = ${JSON.stringify(fake.sendToTag)}; return action; }\n`,
      );
    }
    await build({ entryPoints: [join(import.meta.dirname, '../src/compiled/index.ts')], bundle: true, format: 'esm', platform: 'node', external: ['xstate'], outfile: join(dir, 'compiled.mjs'), logLevel: 'silent' });
    writeFileSync(
      join(dir, 'run.mjs'),
      `import { createMachine } from 'xstate';
import { compiledEngineAvailable, runCompiled } from './compiled.mjs';
let error;
try { runCompiled(createMachine({ initial: 'a', states: { a: { type: 'final' } } }), undefined); } catch (e) { error = { name: e.name, message: e.message }; }
console.log(JSON.stringify({ available: compiledEngineAvailable(), error }));
`,
    );
    return JSON.parse(execFileSync(process.execPath, ['run.mjs'], { cwd: dir, encoding: 'utf8' })) as { available: { ok: boolean; reason: string }; error: { name: string; message: string } };
  }

  it('refuses at load against a faked xstate 5.99.0: compiledEngineAvailable() says why, and running a machine throws UnverifiedXstateError', async () => {
    const out = await engineAgainst({ version: '5.99.0' });
    expect(out.available.ok).toBe(false);
    expect(out.available.reason).toMatch(/verified with xstate 5\.33\.3, but xstate 5\.99\.0 is installed; use interpreter 'xstate'/);
    expect(out.error).toEqual({ name: 'UnverifiedXstateError', message: out.available.reason });
  }, 60_000);

  it("refuses an xstate that says 5.33.3 but tags sendTo otherwise (as 5.0.0's 'xsnapshot.sendTo'): the probe names the creator", async () => {
    const out = await engineAgainst({ version: '5.33.3', sendToTag: 'xsnapshot.sendTo' });
    expect(out.available).toEqual({ ok: false, reason: "the compiled interpreter does not recognize xstate 5.33.3's sendTo; use interpreter 'xstate'" });
    expect(out.error).toEqual({ name: 'UnverifiedXstateError', message: out.available.reason });
  }, 60_000);
});

describe('compiled interpreter: the project\'s machines', () => {
  it('compiles every machine machines/index.ts exports (nothing they use is refused)', async () => {
    const exported = Object.entries(await import('../machines/index.js')).filter(([, v]) => typeof v === 'object' && v !== null && 'root' in v && 'implementations' in v);
    expect(exported.length).toBeGreaterThanOrEqual(4);
    for (const [name, machine] of exported) expect(() => compileMachine(machine as AnyStateMachine), name).not.toThrow();
  });
});

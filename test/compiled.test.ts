import { describe, expect, it } from 'vitest';
import { assign, createActor, enqueueActions, fromPromise, sendParent, setup, toPromise, type AnyStateMachine } from 'xstate';
import { sessionLogonMachine } from '../machines/sessionLogon.js';
import { compileMachine, runCompiled, UnsupportedMachineError } from '../src/compiled/index.js';
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
    expect(() => createMapiSubsystem({ profiles, interpreter: 'fast' as never })).toThrow(/interpreter must be 'compiled' or 'xstate', got "fast"/);
  });
  it('refuses the compiled interpreter with an inspector (an inspector sees xstate actors)', () => {
    expect(() => createMapiSubsystem({ profiles, interpreter: 'compiled', inspect: () => {} })).toThrow(/inspector sees xstate actors only/);
  });
});

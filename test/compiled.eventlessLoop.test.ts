import { describe, expect, it } from 'vitest';
import { assign, setup } from 'xstate';
import { runCompiled } from '../src/compiled/leanActor.js';
import { MAX_MICROSTEPS } from '../src/compiled/macrostep.js';

describe('compiled engine: a loop that never waits ends the actor in error instead of running forever', () => {
  it('two states that send each other back without an event', () => {
    const machine = setup({}).createMachine({
      id: 'loop',
      initial: 'a',
      states: { a: { always: 'b' }, b: { always: 'a' } },
    });
    expect(() => runCompiled(machine, undefined)).toThrow(/more than 10000 microsteps in one macrostep \(an eventless loop, at loop\.(a|b)\)/);
    expect(MAX_MICROSTEPS).toBe(10_000);
  });

  it('a loop that ends on its own below the limit runs to its end', () => {
    const machine = setup({}).createMachine({
      id: 'count',
      context: { n: 0 },
      initial: 'step',
      states: {
        step: {
          always: [
            { guard: ({ context }) => context.n >= MAX_MICROSTEPS - 10, target: 'done' },
            { target: 'step', reenter: true, actions: assign({ n: ({ context }) => context.n + 1 }) },
          ],
        },
        done: { type: 'final' },
      },
      output: ({ context }) => context.n,
    });
    expect(runCompiled(machine, undefined)).toBe(MAX_MICROSTEPS - 10);
  });

  it('a parent that invokes a child that ends at once, and again when it has ended (a loop between actors)', () => {
    const child = setup({}).createMachine({ id: 'child', initial: 'done', states: { done: { type: 'final' } } });
    const parent = setup({ actors: { child } }).createMachine({
      id: 'parent',
      initial: 'run',
      states: { run: { invoke: { src: 'child', onDone: { target: 'run', reenter: true } } } },
    });
    expect(() => runCompiled(parent, undefined)).toThrow(/more than 10000 events in a row for \(machine\) \(a loop between actors, at parent\.run\)/);
  });
});

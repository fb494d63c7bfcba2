import type { AnyStateMachine, EventObject } from 'xstate';
import { compileMachine } from '../../src/compiled/compileMachine.js';
import { initialStep, transitionStep } from '../../src/compiled/macrostep.js';
import type { CompiledSnapshot } from '../../src/compiled/types.js';

/**
 * `pureRunner`'s twin on the compiled interpreter: the machine's own graph, guards and actions,
 * stepped without actors; effects are dropped, invoked actors are answered by their done events.
 */
export function compiledRunner(machine: AnyStateMachine) {
  const compiled = compileMachine(machine);
  return {
    initial: (input: unknown): CompiledSnapshot => initialStep(compiled, input).snapshot,
    send: (snapshot: CompiledSnapshot, event: EventObject): CompiledSnapshot => transitionStep(snapshot, event).snapshot,
  };
}

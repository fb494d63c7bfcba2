import { createActor, type AnyActorScope, type AnyStateMachine, type EventObject, type SnapshotFrom } from 'xstate';

/**
 * Drives a machine with pure transitions (`getInitialSnapshot` / `transition`, no actor, no effect
 * run), through one inert scope built once — what xstate's `initialTransition` builds per call.
 * Invoked actors are answered by sending their done events.
 */
export function pureRunner<M extends AnyStateMachine>(machine: M, anyInput: unknown) {
  const self = createActor(machine as AnyStateMachine, { input: anyInput });
  const scope = {
    self,
    defer: () => {},
    id: '',
    logger: () => {},
    sessionId: '',
    stopChild: () => {},
    system: (self as unknown as { system: unknown }).system,
    emit: () => {},
    actionExecutor: () => {},
  } as unknown as AnyActorScope;
  return {
    initial: (input: unknown): SnapshotFrom<M> => machine.getInitialSnapshot(scope, input) as SnapshotFrom<M>,
    send: (snapshot: SnapshotFrom<M>, event: EventObject): SnapshotFrom<M> => machine.transition(snapshot, event, scope) as SnapshotFrom<M>,
  };
}

/** The done event of an invoked actor with the given id. */
export const doneEvent = (id: string, output: unknown) => ({ type: `xstate.done.actor.${id}`, output }) as EventObject;

import { fromPromise, type AnyActorRef, type PromiseActorLogic } from 'xstate';

const RESOLVE = 'xstate.promise.resolve';
/** Where a `fromEffect` logic keeps its effect, for the compiled interpreter to call directly. */
export const EFFECT = Symbol.for('mapi-logon-fsm.effect');
const REJECT = 'xstate.promise.reject';
export const isThenable = (x: unknown): x is PromiseLike<unknown> =>
  x !== null && (typeof x === 'object' || typeof x === 'function') && typeof (x as { then?: unknown }).then === 'function';

/**
 * `fromPromise` for an effect that may answer at once: the same states and events, but a plain
 * value (or a throw) settles the actor while it starts, with no microtask and no AbortController.
 * Scripted dialogs, the credential check and scripted providers answer at once; an app's async
 * function still runs as a promise.
 */
export function fromEffect<TOutput, TInput>(effect: (input: TInput) => TOutput | PromiseLike<TOutput>): PromiseActorLogic<TOutput, TInput> {
  const logic = fromPromise<TOutput, TInput>(async ({ input }) => effect(input));
  const withEffect: PromiseActorLogic<TOutput, TInput> & { [EFFECT]: typeof effect } = {
    ...logic,
    [EFFECT]: effect,
    start: (state, scope) => {
      if (state.status !== 'active') return;
      const self = scope.self as AnyActorRef;
      const settle = (type: string, data: unknown) => {
        if (self.getSnapshot().status === 'active') self.send({ type, data });
      };
      let answer: TOutput | PromiseLike<TOutput>;
      try {
        answer = effect(state.input as TInput);
      } catch (error) {
        settle(REJECT, error);
        return;
      }
      if (isThenable(answer)) answer.then((v) => settle(RESOLVE, v), (e) => settle(REJECT, e));
      else settle(RESOLVE, answer);
    },
  };
  return withEffect;
}

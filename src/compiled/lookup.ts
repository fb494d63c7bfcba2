import type { AnyActorLogic, EventObject } from 'xstate';
import { actionName, actionOp, errorTexts, isBuiltInActionName, isBuiltInGuard, referencedActor as adapterReferencedActor } from './adapter.js';
import { UnsupportedMachineError } from './unsupported.js';
import type { CompiledAction, CompiledGuard, CompiledMachine } from './types.js';

type Named = { type: string; params?: unknown };
type Implementations = Pick<CompiledMachine, 'actions' | 'guards' | 'actors' | 'machine'>;

/**
 * An action as xstate resolves it at run time — a name or `{ type, params }` looked up in the
 * machine's implementations, or an inline action — looked up once, with what it does read once.
 */
export function compileAction(m: Implementations, action: unknown): CompiledAction {
  if (typeof action === 'function') return { name: actionName(action as never), op: actionOp(action), params: undefined, paramsFn: false };
  const named = typeof action === 'string' ? { type: action } : (action as Named);
  // A name with no implementation runs as nothing, as in xstate.
  const impl = m.actions[named.type];
  if (isBuiltInActionName(named.type) && impl === undefined) throw new UnsupportedMachineError(`machine '${m.machine.id}': action '${named.type}' is not run by the compiled interpreter`);
  const params = 'params' in named ? named.params : undefined;
  return { name: named.type, op: impl === undefined ? null : actionOp(impl), params, paramsFn: typeof params === 'function' };
}

/** A guard as xstate's `evaluateGuard` finds it, looked up once (a name may name another guard). */
export function compileGuard(m: Implementations, guard: unknown): CompiledGuard {
  if (typeof guard === 'function') {
    if (isBuiltInGuard(guard as never)) throw new UnsupportedMachineError(`machine '${m.machine.id}': a built-in guard (and/or/not/stateIn) is not run by the compiled interpreter`);
    return { name: undefined, fn: guard as CompiledGuard['fn'], params: undefined, paramsFn: false };
  }
  const name = typeof guard === 'string' ? guard : (guard as Named).type;
  const resolved = m.guards[name];
  if (!resolved) {
    return { name, fn: () => { throw new Error(errorTexts.guardNotImplemented(name)); }, params: undefined, paramsFn: false };
  }
  if (typeof resolved !== 'function') return { ...compileGuard(m, resolved), name };
  if (isBuiltInGuard(resolved as never)) {
    throw new UnsupportedMachineError(`machine '${m.machine.id}': built-in guard '${name}' (and/or/not/stateIn) is not run by the compiled interpreter`);
  }
  const params = typeof guard === 'string' ? undefined : (guard as Named).params;
  return { name, fn: resolved as CompiledGuard['fn'], params, paramsFn: typeof params === 'function' };
}

export function evaluateGuard(g: CompiledGuard, context: unknown, event: EventObject): boolean {
  return g.fn({ context, event }, g.paramsFn ? (g.params as (a: unknown) => unknown)({ context, event }) : g.params);
}

/** The logic an invoke or spawn names. */
export const referencedActor = (m: Implementations, src: unknown): AnyActorLogic | undefined => adapterReferencedActor(m.machine, m.actors, src);

import type { AnyActorLogic, EventObject } from 'xstate';
import { UnsupportedMachineError } from './unsupported.js';
import type { CompiledAction, CompiledGuard, CompiledMachine } from './types.js';

type Named = { type: string; params?: unknown };
type Implementations = Pick<CompiledMachine, 'actions' | 'guards' | 'actors' | 'machine'>;

/**
 * An action as xstate resolves it at run time — a name or `{ type, params }` looked up in the
 * machine's implementations, or an inline action — looked up once. The objects `enqueueActions`
 * builds (`{ type: 'xstate.…' }`) are their own implementation.
 */
export function compileAction(m: Implementations, action: unknown): CompiledAction {
  if (typeof action === 'function') return { name: (action as { type?: string }).type ?? action.name, impl: action, params: undefined, paramsFn: false };
  const named = typeof action === 'string' ? { type: action } : (action as Named);
  if (named.type.startsWith('xstate.')) return { name: named.type, impl: named, params: undefined, paramsFn: false };
  const params = 'params' in named ? named.params : undefined;
  return { name: named.type, impl: m.actions[named.type], params, paramsFn: typeof params === 'function' };
}

/** A guard as xstate's `evaluateGuard` finds it, looked up once (a name may name another guard). */
export function compileGuard(m: Implementations, guard: unknown): CompiledGuard {
  if (typeof guard === 'function') return { name: undefined, fn: guard as CompiledGuard['fn'], params: undefined, paramsFn: false };
  const name = typeof guard === 'string' ? guard : (guard as Named).type;
  const resolved = m.guards[name];
  if (!resolved) {
    return { name, fn: () => { throw new Error(`Guard '${name}' is not implemented.'.`); }, params: undefined, paramsFn: false };
  }
  if (typeof resolved !== 'function') return { ...compileGuard(m, resolved), name };
  if ('check' in resolved) {
    throw new UnsupportedMachineError(`machine '${m.machine.id}': built-in guard '${name}' (and/or/not/stateIn) is not run by the compiled interpreter`);
  }
  const params = typeof guard === 'string' ? undefined : (guard as Named).params;
  return { name, fn: resolved as CompiledGuard['fn'], params, paramsFn: typeof params === 'function' };
}

export function evaluateGuard(g: CompiledGuard, context: unknown, event: EventObject): boolean {
  return g.fn({ context, event }, g.paramsFn ? (g.params as (a: unknown) => unknown)({ context, event }) : g.params);
}

/** xstate's `resolveReferencedActor`: a provided actor by name, or the logic written inline. */
export function referencedActor(m: Implementations, src: unknown): AnyActorLogic | undefined {
  if (typeof src !== 'string') return src as AnyActorLogic;
  const match = /^xstate\.invoke\.(\d+)\.(.*)/.exec(src);
  if (!match) return m.actors[src];
  const config = (m.machine.getStateNodeById(match[2]!).config as { invoke: unknown }).invoke;
  return (Array.isArray(config) ? config[Number(match[1])] : config).src;
}

import { isPlainArray, isPlainObject, read } from './plainData.js';

/** What an inspector gets instead of an actor: its ids, never the actor itself. */
export interface ActorStandIn {
  id: string;
  sessionId: string;
}

/** The stand-in of an `@xstate.actor` event, shaped as @statelyai/inspect reads it. */
export interface RegisteredActorStandIn extends ActorStandIn {
  _parent?: ActorStandIn;
  logic?: { config: unknown };
  /**
   * @statelyai/inspect calls `actorRef.getSnapshot()` on every `@xstate.actor` event (later, on an
   * idle callback). This one answers with the actor's first allowlisted snapshot, a copy made when
   * it was inspected: nothing read through it is live.
   */
  getSnapshot(): unknown;
}

const ID = 256;
const idOf = (value: unknown) => (typeof value === 'string' ? value.slice(0, ID) : '');

export function standIn(ref: unknown): ActorStandIn | undefined {
  if (ref === null || typeof ref !== 'object') return undefined;
  return { id: idOf(read(ref, 'id')), sessionId: idOf(read(ref, 'sessionId')) };
}

/** The machine definition of an actor's logic, or undefined for promise and callback logic. */
export function machineConfig(ref: unknown): Record<string, unknown> | undefined {
  const logic = read(ref, 'logic');
  const config = read(logic, 'config');
  return read(logic, 'root') !== undefined && isPlainObject(config) ? config : undefined;
}

const definitions = new WeakMap<object, unknown>();

/**
 * A plain-data copy of a machine definition (written in machines/, never by an app): what the
 * Stately inspector draws. Functions (guards, assigns, the context factory) are left out.
 */
export function definitionOf(config: Record<string, unknown>): unknown {
  let copy = definitions.get(config);
  if (copy === undefined) {
    // Made once per machine and shared by every inspector: frozen, so none can change it for the others.
    copy = deepFreeze(plainCopy(config, 0));
    definitions.set(config, copy);
  }
  return copy;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

function plainCopy(value: unknown, depth: number): unknown {
  if (depth > 64) return undefined;
  if (typeof value === 'string') return value.slice(0, 1024);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  if (isPlainArray(value)) return value.map((v) => plainCopy(v, depth + 1)).filter((v) => v !== undefined);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      const kept = plainCopy(v, depth + 1);
      if (kept !== undefined) out[key] = kept;
    }
    return out;
  }
  return undefined;
}

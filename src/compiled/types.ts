import type { AnyActorLogic, AnyStateMachine, EventObject } from 'xstate';
import type { ActionOp } from './adapter.js';

/**
 * An action with its implementation looked up once: `op` is what the implementation xstate would
 * find for that name (or the inline action itself) does; null for a name with no implementation.
 */
export interface CompiledAction {
  name: string;
  op: ActionOp | null;
  /** `params` as written: a value, or a function of `{ context, event }`. */
  params: unknown;
  paramsFn: boolean;
}

export interface CompiledGuard {
  name: string | undefined;
  /** The guard function, or a function that throws xstate's error for a missing implementation. */
  fn: (args: { context: any; event: EventObject }, params: unknown) => boolean;
  params: unknown;
  paramsFn: boolean;
}

export interface CompiledTransition {
  source: CompiledNode;
  /** null: a targetless transition (actions only). */
  target: CompiledNode | null;
  guard: CompiledGuard | null;
  actions: CompiledAction[];
  reenter: boolean;
  /** The transition domain: states below it are exited and entered. */
  domain: CompiledNode;
  /** What the transition enters, in entry order (the target's initial descendants included). */
  entries: CompiledNode[];
}

export interface CompiledInvoke {
  id: string;
  src: string;
  input: unknown;
}

export interface CompiledNode {
  id: string;
  key: string;
  type: 'atomic' | 'compound' | 'final';
  parent: CompiledNode | null;
  /** Root first: this node's ancestors and itself. */
  chain: CompiledNode[];
  entry: CompiledAction[];
  exit: CompiledAction[];
  invoke: CompiledInvoke[];
  always: CompiledTransition[];
  /** Exact event types. */
  on: Map<string, CompiledTransition[]>;
  /** `prefix.*` descriptors, longest first (xstate's order). */
  wildcards: Array<{ descriptor: string; transitions: CompiledTransition[] }>;
  /** A compound node's initial child. */
  initial: CompiledNode | null;
  /** The state value of this node when it is the active leaf. */
  value: string | Record<string, unknown>;
}

export interface CompiledMachine {
  machine: AnyStateMachine;
  root: CompiledNode;
  /** The machine's implementations, as `.provide()` left them. */
  actions: Record<string, unknown>;
  guards: Record<string, unknown>;
  actors: Record<string, AnyActorLogic>;
  /** The root's first entries (its initial chain). */
  initialEntries: CompiledNode[];
}

export interface CompiledSnapshot {
  machine: CompiledMachine;
  /** The active atomic (or final) node. */
  leaf: CompiledNode;
  value: CompiledNode['value'];
  context: any;
  status: 'active' | 'done' | 'error';
  output: unknown;
  error: unknown;
  /** Ids of the children this machine holds (invoked or spawned). */
  children: readonly string[];
}

/**
 * What a step asks of the world, in the order xstate's actor runs its deferred actions after a
 * macrostep: start a child, send an event, stop a child, run a custom action.
 */
export type Effect =
  | { type: 'spawn'; id: string; logic: AnyActorLogic; input: unknown }
  | { type: 'send'; to: string; event: EventObject }
  | { type: 'stop'; id: string }
  | { type: 'exec'; impl: (args: object, params: unknown) => void; args: object; params: unknown };

export interface Step {
  snapshot: CompiledSnapshot;
  effects: Effect[];
}

export { PARENT } from './adapter.js';

import { and, assign, enqueueActions, sendParent, sendTo, spawnChild, stopChild, type AnyActorLogic, type AnyStateMachine, type AnyStateNode, type EventObject } from 'xstate';

// The ONE place the compiled interpreter reads what xstate does not promise to keep: the
// implementations a machine carries, the tags and fields xstate hangs on its built-in action and
// guard functions, the ids it gives inline actors, and the texts of the errors it throws. Every
// other file of src/compiled works on what this module hands out. When xstate changes any of
// this, this file and its version list change together.

/** The xstate versions this adapter was checked against, one by one (the golden cases, the equivalence property). */
export const VERIFIED_XSTATE_VERSIONS: readonly string[] = ['5.33.3'];

/** `sendParent`'s target, as xstate names it. */
export const PARENT = '#_parent';

export type Availability = { ok: true; xstateVersion: string } | { ok: false; reason: string };

/** Raised when the compiled interpreter is asked to run against an xstate it was not verified with. */
export class UnverifiedXstateError extends Error {
  override name = 'UnverifiedXstateError';
}

/** The installed xstate's version, from its package.json (Node only; undefined where it cannot be read). */
function installedXstateVersion(): string | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: NodeJS.Process['getBuiltinModule'] } }).process;
  if (typeof proc?.getBuiltinModule !== 'function') return undefined;
  try {
    const { createRequire } = proc.getBuiltinModule('node:module');
    const { readFileSync } = proc.getBuiltinModule('node:fs');
    const file = createRequire(import.meta.url).resolve('xstate/package.json');
    const version = (JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }).version;
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}

/** The verdict for an xstate version: verified, or why not (exported so the refusal can be tested for any version). */
export function availabilityFor(version: string | undefined): Availability {
  const verified = VERIFIED_XSTATE_VERSIONS.join(', ');
  if (version === undefined) {
    return { ok: false, reason: `the compiled interpreter could not read the installed xstate's version (verified with xstate ${verified}); use interpreter 'xstate'` };
  }
  if (!VERIFIED_XSTATE_VERSIONS.includes(version)) {
    return { ok: false, reason: `the compiled interpreter was verified with xstate ${verified}, but xstate ${version} is installed; use interpreter 'xstate'` };
  }
  const broken = probe();
  if (broken) return { ok: false, reason: `the compiled interpreter does not recognize xstate ${version}'s ${broken}; use interpreter 'xstate'` };
  return { ok: true, xstateVersion: version };
}

// The fields read below, checked once on xstate's own creators (a bundle may also mix versions).
function probe(): string | undefined {
  const read = (x: unknown) => x as Record<string, unknown>;
  const assignment = read(assign({}));
  const send = read(sendTo('a', { type: 'e' }));
  const enqueue = read(enqueueActions(() => {}));
  const spawn = read(spawnChild('a', { id: 'i' }));
  const stop = read(stopChild('a'));
  const checks: Array<[string, boolean]> = [
    ['assign', assignment.type === 'xstate.assign' && 'assignment' in assignment],
    ['sendTo', send.type === 'xstate.sendTo' && send.to === 'a' && 'event' in send && 'delay' in send],
    ['sendParent', read(sendParent({ type: 'e' })).to === PARENT],
    ['enqueueActions', enqueue.type === 'xstate.enqueueActions' && typeof enqueue.collect === 'function'],
    ['spawnChild', spawn.type === 'xstate.spawnChild' && spawn.src === 'a' && spawn.id === 'i'],
    ['stopChild', stop.type === 'xstate.stopChild' && stop.actorRef === 'a'],
    ['built-in guards', typeof read(and([])).check === 'function'],
  ];
  return checks.find(([, ok]) => !ok)?.[0];
}

const availability = availabilityFor(installedXstateVersion());

/**
 * Whether the compiled interpreter runs with the installed xstate. The subsystem falls back to
 * xstate's own interpreter when it does not; `reason` names both versions.
 */
export function compiledEngineAvailable(): Availability {
  return availability;
}

/** Throws `UnverifiedXstateError` unless the installed xstate was verified. */
export function assertCompiledEngineAvailable(): void {
  if (!availability.ok) throw new UnverifiedXstateError(availability.reason);
}

// --- machines ------------------------------------------------------------------------------------

export interface Implementations {
  actions: Record<string, unknown>;
  guards: Record<string, unknown>;
  actors: Record<string, AnyActorLogic>;
}

/** The machine's implementations, as `setup()` and `.provide()` left them. */
export const implementationsOf = (machine: AnyStateMachine): Implementations => machine.implementations as unknown as Implementations;

/** A transition as xstate normalized it. */
export interface TransitionShape {
  target: readonly AnyStateNode[] | undefined;
  guard: unknown;
  actions: readonly unknown[];
  reenter: boolean;
}

/** A state node as xstate normalized it: what the compiled table is built from. */
export interface StateNodeShape {
  id: string;
  key: string;
  type: string;
  parent: AnyStateNode | undefined;
  delayed: boolean;
  entry: readonly unknown[];
  exit: readonly unknown[];
  invoke: Array<{ id: string; src: unknown; input: unknown }>;
  children: AnyStateNode[];
  initial: { targets: readonly AnyStateNode[]; actions: readonly unknown[] } | undefined;
  always: readonly TransitionShape[];
  /** Event descriptor → transitions, in xstate's order. */
  on: ReadonlyMap<string, readonly TransitionShape[]>;
}

export function readStateNode(sn: AnyStateNode): StateNodeShape {
  const initial = sn.initial as { target?: readonly AnyStateNode[]; actions?: readonly unknown[] } | undefined;
  return {
    id: sn.id,
    key: sn.key,
    type: sn.type,
    parent: sn.parent,
    delayed: Boolean(sn.config.after),
    entry: sn.entry,
    exit: sn.exit,
    invoke: sn.invoke.map((i) => ({ id: i.id, src: i.src, input: (i as { input?: unknown }).input })),
    children: Object.values(sn.states) as AnyStateNode[],
    initial: initial ? { targets: initial.target ?? [], actions: initial.actions ?? [] } : undefined,
    always: (sn.always ?? []) as unknown as TransitionShape[],
    on: sn.transitions as unknown as Map<string, TransitionShape[]>,
  };
}

/** `*` or `prefix.*`: a descriptor matching many event types. */
export const isWildcard = (descriptor: string): boolean => descriptor === '*' || descriptor.endsWith('.*');

/** A state machine (as opposed to callback, promise or other actor logic). */
export const isMachineLogic = (logic: AnyActorLogic): logic is AnyStateMachine => 'root' in logic && 'implementations' in logic;

/** A root's output: a value or a function of `{ context, event }`. */
export const machineOutput = (machine: AnyStateMachine): unknown => (machine.root as { output?: unknown }).output;

/** A machine's context: a value or a function of `{ input }`. */
export const machineContext = (machine: AnyStateMachine): unknown => (machine.config as { context?: unknown }).context;

/** xstate's `resolveReferencedActor`: a provided actor by name, or the logic written inline (named `xstate.invoke.<n>.<state id>`). */
export function referencedActor(machine: AnyStateMachine, actors: Implementations['actors'], src: unknown): AnyActorLogic | undefined {
  if (typeof src !== 'string') return src as AnyActorLogic;
  const match = /^xstate\.invoke\.(\d+)\.(.*)/.exec(src);
  if (!match) return actors[src];
  const config = (machine.getStateNodeById(match[2]!).config as { invoke: unknown }).invoke;
  return (Array.isArray(config) ? config[Number(match[1])] : config).src;
}

// --- actions and guards ---------------------------------------------------------------------------

type Fn = (...args: any[]) => any;

/** What an action does, read once from xstate's action function. */
export type ActionOp =
  | { kind: 'assign'; assignment: unknown }
  | { kind: 'sendTo'; to: unknown; event: unknown; delay: unknown }
  | { kind: 'enqueueActions'; collect: Fn }
  | { kind: 'spawnChild'; src: unknown; id: unknown; input: unknown }
  | { kind: 'stopChild'; actorRef: unknown }
  | { kind: 'custom'; fn: Fn }
  /** A built-in the compiled interpreter does not run (raise, cancel, emit, log, spawn in assign…). */
  | { kind: 'unsupported' };

/** An action's name as xstate reports it: a built-in's tag, else the function's name. */
export const actionName = (fn: Fn): string => (fn as { type?: string }).type ?? fn.name;

/** An action name of xstate's own (`xstate.…`): such actions are objects `enqueueActions` built, their own implementation. */
export const isBuiltInActionName = (name: string): boolean => name.startsWith('xstate.');

export function actionOp(impl: unknown): ActionOp {
  const a = impl as Record<string, any>;
  switch (a.type) {
    case 'xstate.assign':
      return { kind: 'assign', assignment: a.assignment };
    case 'xstate.sendTo':
      return { kind: 'sendTo', to: a.to, event: a.event, delay: a.delay };
    case 'xstate.enqueueActions':
      return { kind: 'enqueueActions', collect: a.collect };
    case 'xstate.spawnChild':
      return { kind: 'spawnChild', src: a.src, id: a.id, input: a.input };
    case 'xstate.stopChild':
      return { kind: 'stopChild', actorRef: a.actorRef };
  }
  if (typeof impl !== 'function' || 'resolve' in impl) return { kind: 'unsupported' };
  return { kind: 'custom', fn: impl as Fn };
}

/** A built-in guard (and, or, not, stateIn): it carries xstate's `check`. */
export const isBuiltInGuard = (fn: Fn): boolean => 'check' in fn;

/** A `sendTo` target written `#_<id>` (or `#_parent`) names the child `<id>` (or the parent). */
export const sendTarget = (to: string): string => (to.startsWith('#_') && to !== PARENT ? to.slice(2) : to);

// --- events ---------------------------------------------------------------------------------------

export const initEvent = (input: unknown) => ({ type: 'xstate.init', input }) as EventObject;
export const doneStateEvent = (stateId: string) => ({ type: `xstate.done.state.${stateId}` }) as EventObject;
export const doneActorEvent = (id: string, output: unknown) => ({ type: `xstate.done.actor.${id}`, output, actorId: id }) as EventObject;
export const errorActorEvent = (id: string, error: unknown) => ({ type: `xstate.error.actor.${id}`, error, actorId: id }) as EventObject;
/** An unhandled error event from a child ends the machine in error, as in xstate. */
export const isErrorActorEvent = (event: EventObject): event is EventObject & { error: unknown } => event.type.startsWith('xstate.error.actor');

// --- xstate's error texts (the compiled run fails with the same messages) --------------------------

export const errorTexts = {
  guardNotImplemented: (name: string) => `Guard '${name}' is not implemented.'.`,
  guardFailed: (name: string | undefined, eventType: string, stateId: string, message: string) =>
    `Unable to evaluate guard ${name ? `'${name}' ` : ''}in transition for event '${eventType}' in state node '${stateId}':\n${message}`,
  sendToString: (event: string) => `Only event objects may be used with sendTo; use sendTo({ type: "${event}" }) instead`,
  sendToUnknown: (to: string, machineId: string) => `Unable to send event to actor '${to}' from machine '${machineId}'.`,
};

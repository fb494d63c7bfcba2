import type { EventObject } from 'xstate';
import { compileAction, compileGuard, evaluateGuard, referencedActor } from './lookup.js';
import { PARENT, type CompiledAction, type CompiledMachine, type Effect } from './types.js';
import { UnsupportedMachineError } from './unsupported.js';

/** The state of one macrostep while its actions resolve: context and children change in place. */
export interface Working {
  machine: CompiledMachine;
  context: any;
  children: string[];
  effects: Effect[];
  internalQueue: EventObject[];
}

/** Starts a child (invoke or spawnChild): its input is read now, its start waits for the macrostep. */
export function spawn(w: Working, src: unknown, id: string, input: unknown, event: EventObject): void {
  const logic = referencedActor(w.machine, src);
  if (!logic) return;
  const resolvedInput = typeof input === 'function' ? input({ context: w.context, event, self: undefined }) : input;
  w.children.push(id);
  w.effects.push({ type: 'spawn', id, logic, input: resolvedInput });
}

export function stopChild(w: Working, id: string): void {
  const at = w.children.indexOf(id);
  if (at < 0) return;
  w.children.splice(at, 1);
  w.effects.push({ type: 'stop', id });
}

const unsupported = (w: Working, what: string) =>
  new UnsupportedMachineError(`machine '${w.machine.machine.id}': ${what} is not run by the compiled interpreter`);

function refuseSpawn(): never {
  throw new UnsupportedMachineError('spawn inside assign is not run by the compiled interpreter');
}

/**
 * What `enqueueActions` is collecting. Its creators are made once, not per call (a closure per
 * call was a tenth of a logon's time); a collect runs synchronously, and a nested one saves and
 * restores this. `check` stays per call: xstate's may be called later and judges the collect's
 * context.
 */
const collecting: { list: unknown[]; w: Working | undefined } = { list: [], w: undefined };

const refuse = (what: string) => () => {
  throw unsupported(collecting.w!, `enqueue.${what}`);
};

// xstate's enqueueActions offers the same creators; only what the interpreter runs is accepted.
const enqueue = Object.assign((action: unknown) => void collecting.list.push(action), {
  assign: (assignment: unknown) => collecting.list.push({ type: 'xstate.assign', assignment }),
  sendTo: (to: unknown, event: unknown, options?: { delay?: unknown }) => collecting.list.push({ type: 'xstate.sendTo', to, event, delay: options?.delay }),
  sendParent: (event: unknown, options?: { delay?: unknown }) => collecting.list.push({ type: 'xstate.sendTo', to: PARENT, event, delay: options?.delay }),
  spawnChild: (src: unknown, options: { id?: string; input?: unknown } = {}) => collecting.list.push({ type: 'xstate.spawnChild', src, id: options.id, input: options.input }),
  stopChild: (actorRef: unknown) => collecting.list.push({ type: 'xstate.stopChild', actorRef }),
  raise: refuse('raise'),
  cancel: refuse('cancel'),
  emit: refuse('emit'),
});

/** xstate's `check` judges against the context and event of the collect, whenever it is called. */
function checker(machine: CompiledMachine, context: unknown, event: EventObject) {
  return (guard: unknown) => evaluateGuard(compileGuard(machine, guard), context, event);
}

/** Runs an `enqueueActions` body and returns what it enqueued. */
function collect(w: Working, impl: { collect: (args: object, params: unknown) => void }, event: EventObject, params: unknown): unknown[] {
  const { list: outerList, w: outerW } = collecting;
  const list: unknown[] = [];
  collecting.list = list;
  collecting.w = w;
  const check = checker(w.machine, w.context, event);
  try {
    // Written out: a spread with added keys costs a microsecond on Node 20.
    impl.collect({ context: w.context, event, self: undefined, system: undefined, spawn: refuseSpawn, enqueue, check }, params);
  } finally {
    collecting.list = outerList;
    collecting.w = outerW;
  }
  return list;
}

function assign(w: Working, impl: { assignment: any }, args: { context: unknown }, params: unknown): void {
  const { assignment } = impl;
  let partial: Record<string, unknown>;
  if (typeof assignment === 'function') partial = assignment(args, params);
  else {
    partial = {};
    for (const key of Object.keys(assignment)) {
      const value = assignment[key];
      partial[key] = typeof value === 'function' ? value(args, params) : value;
    }
  }
  // xstate's Object.assign({}, context, partial), as a clone and writes (a third of the time).
  const next = { ...w.context };
  for (const key of Object.keys(partial)) next[key] = partial[key];
  w.context = next;
}

function sendTo(w: Working, impl: any, args: object, params: unknown): void {
  if (impl.delay !== undefined) throw unsupported(w, 'a delayed send');
  const to = typeof impl.to === 'function' ? impl.to(args, params) : impl.to;
  const event = typeof impl.event === 'function' ? impl.event(args, params) : impl.event;
  if (typeof event === 'string') throw new Error(`Only event objects may be used with sendTo; use sendTo({ type: "${event}" }) instead`);
  if (typeof to !== 'string') throw unsupported(w, 'sendTo an actor reference');
  const target = to.startsWith('#_') && to !== PARENT ? to.slice(2) : to;
  if (target !== PARENT && !w.children.includes(target)) throw new Error(`Unable to send event to actor '${to}' from machine '${w.machine.machine.id}'.`);
  w.effects.push({ type: 'send', to: target, event });
}

/** Resolves actions in order, as xstate does: assigns at once, sends and starts as effects. */
export function resolveActions(w: Working, actions: readonly CompiledAction[], event: EventObject): void {
  for (const action of actions) {
    const impl = action.impl;
    if (!impl) continue; // xstate runs an action with no implementation as nothing
    const params = action.paramsFn ? (action.params as (a: unknown) => unknown)({ context: w.context, event }) : action.params;
    const args = { context: w.context, event, self: undefined, system: undefined, spawn: refuseSpawn };
    switch (impl.type) {
      case 'xstate.assign':
        assign(w, impl, args, params);
        break;
      case 'xstate.sendTo':
        sendTo(w, impl, args, params);
        break;
      case 'xstate.enqueueActions': {
        const list = collect(w, impl, event, params);
        resolveActions(w, list.map((a) => compileAction(w.machine, a)), event);
        break;
      }
      case 'xstate.spawnChild':
        spawn(w, impl.src, typeof impl.id === 'function' ? impl.id(args) : impl.id, impl.input, event);
        break;
      case 'xstate.stopChild': {
        const ref = typeof impl.actorRef === 'function' ? impl.actorRef(args, params) : impl.actorRef;
        if (typeof ref !== 'string') throw unsupported(w, 'stopChild by reference');
        stopChild(w, ref);
        break;
      }
      default:
        if (typeof impl !== 'function' || 'resolve' in impl) throw unsupported(w, `action '${action.name}'`);
        // A custom action runs after the macrostep, with what it saw.
        w.effects.push({ type: 'exec', impl, args, params });
    }
  }
}

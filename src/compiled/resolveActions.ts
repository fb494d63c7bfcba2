import type { EventObject } from 'xstate';
import { errorTexts, PARENT, sendTarget, type ActionOp } from './adapter.js';
import { compileAction, compileGuard, evaluateGuard, referencedActor } from './lookup.js';
import type { CompiledAction, CompiledMachine, Effect } from './types.js';
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
const collecting: { list: CompiledAction[]; w: Working | undefined } = { list: [], w: undefined };

const refuse = (what: string) => () => {
  throw unsupported(collecting.w!, `enqueue.${what}`);
};
const push = (name: string, op: ActionOp) => void collecting.list.push({ name, op, params: undefined, paramsFn: false });

// xstate's enqueueActions offers the same creators; only what the interpreter runs is accepted.
const enqueue = Object.assign((action: unknown) => void collecting.list.push(compileAction(collecting.w!.machine, action)), {
  assign: (assignment: unknown) => push('assign', { kind: 'assign', assignment }),
  sendTo: (to: unknown, event: unknown, options?: { delay?: unknown }) => push('sendTo', { kind: 'sendTo', to, event, delay: options?.delay }),
  sendParent: (event: unknown, options?: { delay?: unknown }) => push('sendParent', { kind: 'sendTo', to: PARENT, event, delay: options?.delay }),
  spawnChild: (src: unknown, options: { id?: string; input?: unknown } = {}) => push('spawnChild', { kind: 'spawnChild', src, id: options.id, input: options.input }),
  stopChild: (actorRef: unknown) => push('stopChild', { kind: 'stopChild', actorRef }),
  raise: refuse('raise'),
  cancel: refuse('cancel'),
  emit: refuse('emit'),
});

/** xstate's `check` judges against the context and event of the collect, whenever it is called. */
function checker(machine: CompiledMachine, context: unknown, event: EventObject) {
  return (guard: unknown) => evaluateGuard(compileGuard(machine, guard), context, event);
}

/** Runs an `enqueueActions` body and returns what it enqueued. */
function collect(w: Working, collectFn: (args: object, params: unknown) => void, event: EventObject, params: unknown): CompiledAction[] {
  const { list: outerList, w: outerW } = collecting;
  const list: CompiledAction[] = [];
  collecting.list = list;
  collecting.w = w;
  const check = checker(w.machine, w.context, event);
  try {
    // Written out: a spread with added keys costs a microsecond on Node 20.
    collectFn({ context: w.context, event, self: undefined, system: undefined, spawn: refuseSpawn, enqueue, check }, params);
  } finally {
    collecting.list = outerList;
    collecting.w = outerW;
  }
  return list;
}

function assign(w: Working, assignment: any, args: { context: unknown }, params: unknown): void {
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

function sendTo(w: Working, op: Extract<ActionOp, { kind: 'sendTo' }>, args: object, params: unknown): void {
  if (op.delay !== undefined) throw unsupported(w, 'a delayed send');
  const to = typeof op.to === 'function' ? op.to(args, params) : op.to;
  const event = typeof op.event === 'function' ? op.event(args, params) : op.event;
  if (typeof event === 'string') throw new Error(errorTexts.sendToString(event));
  if (typeof to !== 'string') throw unsupported(w, 'sendTo an actor reference');
  const target = sendTarget(to);
  if (target !== PARENT && !w.children.includes(target)) throw new Error(errorTexts.sendToUnknown(to, w.machine.machine.id));
  w.effects.push({ type: 'send', to: target, event });
}

/** Resolves actions in order, as xstate does: assigns at once, sends and starts as effects. */
export function resolveActions(w: Working, actions: readonly CompiledAction[], event: EventObject): void {
  for (const action of actions) {
    const op = action.op;
    if (!op) continue; // xstate runs an action with no implementation as nothing
    const params = action.paramsFn ? (action.params as (a: unknown) => unknown)({ context: w.context, event }) : action.params;
    const args = { context: w.context, event, self: undefined, system: undefined, spawn: refuseSpawn };
    switch (op.kind) {
      case 'assign':
        assign(w, op.assignment, args, params);
        break;
      case 'sendTo':
        sendTo(w, op, args, params);
        break;
      case 'enqueueActions':
        resolveActions(w, collect(w, op.collect, event, params), event);
        break;
      case 'spawnChild':
        spawn(w, op.src, typeof op.id === 'function' ? op.id(args) : (op.id as string), op.input, event);
        break;
      case 'stopChild': {
        const ref = typeof op.actorRef === 'function' ? op.actorRef(args, params) : op.actorRef;
        if (typeof ref !== 'string') throw unsupported(w, 'stopChild by reference');
        stopChild(w, ref);
        break;
      }
      case 'custom':
        // A custom action runs after the macrostep, with what it saw.
        w.effects.push({ type: 'exec', impl: op.fn, args, params });
        break;
      default:
        throw unsupported(w, `action '${action.name}'`);
    }
  }
}

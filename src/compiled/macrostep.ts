import type { EventObject } from 'xstate';
import { doneStateEvent, errorTexts, initEvent, isErrorActorEvent, machineContext, machineOutput } from './adapter.js';
import { evaluateGuard } from './lookup.js';
import { resolveActions, spawn, stopChild, type Working } from './resolveActions.js';
import type { CompiledMachine, CompiledNode, CompiledSnapshot, CompiledTransition, Step } from './types.js';

// The part of SCXML's algorithm that xstate v5 runs for machines without parallel or history
// states: one active leaf, so the configuration is the leaf's chain. Orders follow xstate's
// `macrostep` / `microstep` / `enterStates`, so that a run is the same run.

interface Run extends Working {
  leaf: CompiledNode;
  status: CompiledSnapshot['status'];
  output: unknown;
  error: unknown;
}

// xstate names the guard in the error for evented transitions only; an eventless guard's error is its own.
function firstEnabled(run: Run, transitions: readonly CompiledTransition[], event: EventObject, eventless = false): CompiledTransition | undefined {
  for (const t of transitions) {
    if (t.guard === null) return t;
    if (eventless) {
      if (evaluateGuard(t.guard, run.context, event)) return t;
      continue;
    }
    let passed: boolean;
    try {
      passed = evaluateGuard(t.guard, run.context, event);
    } catch (err) {
      throw new Error(errorTexts.guardFailed(t.guard.name, event.type, t.source.id, (err as Error).message));
    }
    if (passed) return t;
  }
  return undefined;
}

function matchesPartial(descriptor: string, type: string): boolean {
  if (descriptor === '*') return true;
  const parts = descriptor.split('.');
  const tokens = type.split('.');
  for (let i = 0; i < parts.length; i++) {
    if (parts[i] === '*') return i === parts.length - 1;
    if (parts[i] !== tokens[i]) return false;
  }
  return true;
}

// Wildcard matches per node and event type, worked out once (the list of types is small).
const wildcardCache = new WeakMap<CompiledNode, Map<string, CompiledTransition[] | undefined>>();

function candidates(n: CompiledNode, type: string): CompiledTransition[] | undefined {
  const exact = n.on.get(type);
  if (n.wildcards.length === 0) return exact;
  let cache = wildcardCache.get(n);
  if (!cache) wildcardCache.set(n, (cache = new Map()));
  if (cache.has(type)) return cache.get(type);
  const wild = n.wildcards.filter((w) => w.descriptor !== type && matchesPartial(w.descriptor, type)).flatMap((w) => w.transitions);
  const list = exact ? [...exact, ...wild] : wild;
  if (cache.size < 256) cache.set(type, list);
  return list;
}

/** The leaf's own transitions first, then each ancestor's (xstate's `transitionAtomicNode`). */
function selectTransition(run: Run, event: EventObject): CompiledTransition | undefined {
  const chain = run.leaf.chain;
  for (let i = chain.length - 1; i >= 0; i--) {
    const list = candidates(chain[i]!, event.type);
    if (list && list.length) {
      const t = firstEnabled(run, list, event);
      if (t) return t;
    }
  }
  return undefined;
}

function selectEventless(run: Run, event: EventObject): CompiledTransition | undefined {
  const chain = run.leaf.chain;
  for (let i = chain.length - 1; i >= 0; i--) {
    const n = chain[i]!;
    if (n.always.length) {
      const t = firstEnabled(run, n.always, event, true);
      if (t) return t;
    }
  }
  return undefined;
}

function enter(run: Run, nodes: readonly CompiledNode[], event: EventObject): void {
  for (const n of nodes) {
    resolveActions(run, n.entry, event);
    for (const inv of n.invoke) spawn(run, inv.src, inv.id, inv.input, event);
    if (n.type !== 'final') continue;
    const parent = n.parent!;
    if (parent.parent) {
      run.internalQueue.push(doneStateEvent(parent.id));
      continue;
    }
    const out = machineOutput(run.machine.machine);
    run.status = 'done';
    run.output = typeof out === 'function' ? out({ context: run.context, event: doneStateEvent(n.id), self: undefined }) : out;
  }
  if (nodes.length) run.leaf = nodes[nodes.length - 1]!;
}

function microstep(run: Run, t: CompiledTransition, event: EventObject): void {
  if (t.target) {
    // Exit what lies below the domain, deepest first.
    const chain = run.leaf.chain;
    for (let i = chain.length - 1; i >= t.domain.chain.length; i--) {
      const n = chain[i]!;
      if (n.exit.length) resolveActions(run, n.exit, event);
      for (const inv of n.invoke) stopChild(run, inv.id);
    }
  }
  resolveActions(run, t.actions, event);
  if (!t.target) return;
  enter(run, t.entries, event);
  if (run.status === 'done') {
    const chain = run.leaf.chain;
    for (let i = chain.length - 1; i >= 0; i--) if (chain[i]!.exit.length) resolveActions(run, chain[i]!.exit, event);
  }
}

/**
 * Microsteps one macrostep may take: the machines here take a few dozen. More is an eventless
 * loop, which xstate's interpreter would run forever; here the actor ends in error, so that a
 * wrong machine makes the model checker report a failed call instead of hanging it.
 */
export const MAX_MICROSTEPS = 10_000;

function settle(run: Run, event: EventObject): void {
  let current = event;
  let steps = 0;
  while (run.status === 'active') {
    if (++steps > MAX_MICROSTEPS) {
      throw new Error(`compiled engine: more than ${MAX_MICROSTEPS} microsteps in one macrostep (an eventless loop, at ${run.leaf.id})`);
    }
    let t = selectEventless(run, current);
    if (!t) {
      const next = run.internalQueue.shift();
      if (!next) break;
      current = next;
      t = selectTransition(run, current);
      if (!t) continue;
    }
    microstep(run, t, current);
  }
  if (run.status !== 'active') for (const id of [...run.children]) stopChild(run, id);
}

function snapshotOf(run: Run): CompiledSnapshot {
  return {
    machine: run.machine,
    leaf: run.leaf,
    value: run.leaf.value,
    context: run.context,
    status: run.status,
    output: run.output,
    error: run.error,
    children: run.children,
  };
}

function failed(run: Run, error: unknown): Step {
  for (const id of [...run.children]) stopChild(run, id);
  return { snapshot: { ...snapshotOf(run), status: 'error', error, output: undefined }, effects: run.effects };
}

/** The machine's first macrostep for `input` (xstate's `getInitialSnapshot`), with its effects. */
export function initialStep(machine: CompiledMachine, input: unknown): Step {
  const event = initEvent(input);
  const run: Run = { machine, context: {}, children: [], effects: [], internalQueue: [], leaf: machine.root, status: 'active', output: undefined, error: undefined };
  try {
    const factory = machineContext(machine.machine);
    run.context = typeof factory === 'function' ? factory({ input, self: undefined, spawn: undefined }) : factory ?? {};
    enter(run, machine.initialEntries, event);
    settle(run, event);
  } catch (error) {
    return failed(run, error);
  }
  return { snapshot: snapshotOf(run), effects: run.effects };
}

/** One event through the machine (xstate's `transition`): the next snapshot and its effects. */
export function transitionStep(snapshot: CompiledSnapshot, event: EventObject): Step {
  if (snapshot.status !== 'active') return { snapshot, effects: [] };
  const run: Run = {
    machine: snapshot.machine,
    leaf: snapshot.leaf,
    context: snapshot.context,
    status: 'active',
    output: undefined,
    error: undefined,
    children: snapshot.children.slice(),
    effects: [],
    internalQueue: [],
  };
  try {
    const t = selectTransition(run, event);
    if (!t && isErrorActorEvent(event)) return failed(run, event.error);
    if (t) microstep(run, t, event);
    settle(run, event);
  } catch (error) {
    return failed(run, error);
  }
  return { snapshot: snapshotOf(run), effects: run.effects };
}

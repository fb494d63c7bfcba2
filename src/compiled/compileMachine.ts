import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { assertCompiledEngineAvailable, implementationsOf, isWildcard, readStateNode, type StateNodeShape, type TransitionShape } from './adapter.js';
import { compileAction, compileGuard } from './lookup.js';
import type { CompiledMachine, CompiledNode, CompiledTransition } from './types.js';
import { UnsupportedMachineError } from './unsupported.js';

const cache = new WeakMap<AnyStateMachine, CompiledMachine>();

const isDescendant = (n: CompiledNode, of: CompiledNode) => n !== of && n.chain[of.chain.length - 1] === of;

/** Entering `target` from `domain`: its ancestors below the domain, itself, its initial chain. */
export function entriesFrom(domain: CompiledNode, target: CompiledNode): CompiledNode[] {
  const nodes = target.chain.filter((n) => isDescendant(n, domain));
  let last = target;
  while (last.type === 'compound') {
    last = last.initial!;
    nodes.push(last);
  }
  return nodes;
}

// xstate's getTransitionDomain for one target, no history.
function domainOf(source: CompiledNode, target: CompiledNode, reenter: boolean): CompiledNode {
  if (!reenter && (target === source || isDescendant(target, source))) return source;
  for (let i = target.chain.length - 2; i >= 0; i--) {
    const ancestor = target.chain[i]!;
    if (isDescendant(source, ancestor)) return ancestor;
  }
  return target.chain[0]!;
}

/**
 * Reads an xstate machine — xstate's own normalized state nodes, transitions, guards and actions —
 * into the table the compiled interpreter steps through. The machine stays the only description of
 * behaviour; this is the same graph with its lookups done once. Machines using parallel or history
 * states, delayed transitions, several targets or raised events are refused here, before they run.
 */
export function compileMachine(machine: AnyStateMachine): CompiledMachine {
  assertCompiledEngineAvailable();
  const hit = cache.get(machine);
  if (hit) return hit;
  const m = { machine, ...implementationsOf(machine) };
  const shapes = new Map<CompiledNode, StateNodeShape>();
  const byXstateNode = new Map<AnyStateNode, CompiledNode>();

  const refuse = (id: string, what: string): never => {
    throw new UnsupportedMachineError(`machine '${machine.id}': state '${id}' uses ${what}, which the compiled interpreter does not run`);
  };

  function node(sn: AnyStateNode, parent: CompiledNode | null): CompiledNode {
    const shape = readStateNode(sn);
    if (shape.type === 'parallel' || shape.type === 'history') refuse(shape.id, `a ${shape.type} state`);
    if (shape.delayed) refuse(shape.id, 'delayed transitions (after)');
    const n: CompiledNode = {
      id: shape.id,
      key: shape.key,
      type: shape.type as CompiledNode['type'],
      parent,
      chain: [],
      entry: shape.entry.map((a) => compileAction(m, a)),
      exit: shape.exit.map((a) => compileAction(m, a)),
      invoke: shape.invoke.map((i) => ({ id: i.id, src: i.src as string, input: i.input })),
      always: [],
      on: new Map(),
      wildcards: [],
      initial: null,
      value: '',
    };
    n.chain = parent ? [...parent.chain, n] : [n];
    const path = n.chain.slice(1).map((c) => c.key);
    n.value = path.length === 0 ? {} : path.reduceRight<string | Record<string, unknown>>((inner, key, i) => (i === path.length - 1 ? key : { [key]: inner }), '');
    shapes.set(n, shape);
    byXstateNode.set(sn, n);
    for (const child of shape.children) node(child, n);
    return n;
  }

  const root = node(machine.root, null);
  if (root.type !== 'compound') refuse(root.id, 'no child states');
  if (root.entry.length || root.exit.length || root.invoke.length) refuse(root.id, 'entry/exit actions or invokes on the root');

  for (const [n, shape] of shapes) {
    if (n.type !== 'compound') continue;
    const targets = shape.initial?.targets ?? [];
    const target = targets.length === 1 ? byXstateNode.get(targets[0]!) : undefined;
    if (!target || target.parent !== n) refuse(n.id, 'an initial state that is not one of its children');
    if (shape.initial!.actions.length) refuse(n.id, 'initial actions');
    n.initial = target!;
  }

  function transition(t: TransitionShape, source: CompiledNode): CompiledTransition {
    if (t.target && t.target.length > 1) refuse(source.id, 'a transition with several targets');
    const target = t.target?.length ? byXstateNode.get(t.target[0]!)! : null;
    const domain = target ? domainOf(source, target, t.reenter) : source;
    return {
      source,
      target,
      guard: t.guard === undefined ? null : compileGuard(m, t.guard),
      actions: t.actions.map((a) => compileAction(m, a)),
      reenter: t.reenter,
      domain,
      entries: target ? entriesFrom(domain, target) : [],
    };
  }

  for (const [n, shape] of shapes) {
    n.always = shape.always.map((t) => transition(t, n));
    for (const [descriptor, ts] of shape.on) {
      const list = ts.map((t) => transition(t, n));
      if (isWildcard(descriptor)) n.wildcards.push({ descriptor, transitions: list });
      else n.on.set(descriptor, list);
    }
    n.wildcards.sort((a, b) => b.descriptor.length - a.descriptor.length);
  }

  const compiled: CompiledMachine = { ...m, root, initialEntries: entriesFrom(root, root.initial!) };
  cache.set(machine, compiled);
  return compiled;
}

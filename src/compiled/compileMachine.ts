import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { assertCompiledEngineAvailable, implementationsOf } from './adapter.js';
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
  const byXstateNode = new Map<AnyStateNode, CompiledNode>();

  const refuse = (node: AnyStateNode, what: string): never => {
    throw new UnsupportedMachineError(`machine '${machine.id}': state '${node.id}' uses ${what}, which the compiled interpreter does not run`);
  };

  function node(sn: AnyStateNode, parent: CompiledNode | null): CompiledNode {
    if (sn.type === 'parallel' || sn.type === 'history') refuse(sn, `a ${sn.type} state`);
    if (sn.config.after) refuse(sn, 'delayed transitions (after)');
    const n: CompiledNode = {
      id: sn.id,
      key: sn.key,
      type: sn.type as CompiledNode['type'],
      parent,
      chain: [],
      entry: sn.entry.map((a: unknown) => compileAction(m, a)),
      exit: sn.exit.map((a: unknown) => compileAction(m, a)),
      invoke: sn.invoke.map((i) => ({ id: i.id, src: i.src as string, input: (i as { input?: unknown }).input })),
      always: [],
      on: new Map(),
      wildcards: [],
      initial: null,
      value: '',
    };
    n.chain = parent ? [...parent.chain, n] : [n];
    const path = n.chain.slice(1).map((c) => c.key);
    n.value = path.length === 0 ? {} : path.reduceRight<string | Record<string, unknown>>((inner, key, i) => (i === path.length - 1 ? key : { [key]: inner }), '');
    byXstateNode.set(sn, n);
    for (const child of Object.values(sn.states) as AnyStateNode[]) node(child, n);
    return n;
  }

  const root = node(machine.root, null);
  if (root.type !== 'compound') refuse(machine.root, 'no child states');
  if (root.entry.length || root.exit.length || root.invoke.length) refuse(machine.root, 'entry/exit actions or invokes on the root');

  for (const [sn, n] of byXstateNode) {
    if (sn.type !== 'compound') continue;
    const targets = (sn.initial?.target ?? []) as AnyStateNode[];
    if (targets.length !== 1 || targets[0]!.parent !== sn) refuse(sn, 'an initial state that is not one of its children');
    if ((sn.initial!.actions as unknown[]).length) refuse(sn, 'initial actions');
    n.initial = byXstateNode.get(targets[0]!)!;
  }

  function transition(t: { target?: readonly AnyStateNode[]; guard?: unknown; actions: readonly unknown[]; reenter: boolean }, source: CompiledNode): CompiledTransition {
    if (t.target && t.target.length > 1) refuse(t.target[0]!, 'a transition with several targets');
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

  for (const [sn, n] of byXstateNode) {
    n.always = ((sn.always ?? []) as never[]).map((t) => transition(t, n));
    for (const [descriptor, ts] of sn.transitions as Map<string, never[]>) {
      const list = ts.map((t) => transition(t, n));
      if (descriptor === '*' || descriptor.endsWith('.*')) n.wildcards.push({ descriptor, transitions: list });
      else n.on.set(descriptor, list);
    }
    n.wildcards.sort((a, b) => b.descriptor.length - a.descriptor.length);
  }

  const compiled: CompiledMachine = { ...m, root, initialEntries: entriesFrom(root, root.initial!) };
  cache.set(machine, compiled);
  return compiled;
}

import type { AnyStateMachine } from 'xstate';
import { getStateNodes } from 'xstate/graph';
import { flowchartEdges, flowchartNodes } from '../../src/graph/flowchart.js';

/** A box of a chart: a flowchart node (`A4`) or a helper state the machine adds (`state:userCancel`). */
export interface ChartNode {
  id: string;
  /** The text drawn in the box: the node's own text, or the helper state's label. */
  label: string;
  /** 'start' | 'decision' | 'step' | 'end' from the node's meta; 'helper' for states that are no node. */
  shape: string;
}

/** An arrow of a chart, one per transition between boxes. */
export interface ChartEdge {
  from: string;
  to: string;
  /** `meta.edge` of the transition: 'yes', 'no' or ''. */
  label: string;
  /** The rule that adds an edge the drawing does not have (drawn dashed). */
  extension?: string;
}

export interface ChartModel {
  machine: string;
  nodes: ChartNode[];
  edges: ChartEdge[];
}

const humanize = (key: string) => key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/**
 * What a machine's chart shows, read from its definition alone: every state with `meta.node`, and
 * the helper states (no node: waiting, routing, extension ends) that edges from nodes lead to, or
 * the machine starts in; every transition among them with its `meta.edge` and `meta.extension`.
 * Helper boxes read as their `meta.label`; two helpers with the same label also show their key.
 */
export function chartModel(name: string, machine: AnyStateMachine): ChartModel {
  const nodes: ChartNode[] = flowchartNodes(machine).map((n) => ({ id: n.id, label: n.label, shape: n.shape }));
  const all = flowchartEdges(machine, { helpers: true }).filter((e) => e.from !== e.to);
  const shown = new Set(nodes.map((n) => n.id));
  const initial = machine.root.config.initial;
  if (typeof initial === 'string' && !machine.root.states[initial]?.meta?.node) shown.add(`state:${initial}`);
  // A helper is shown once a shown box leads to it: grow the set to a fixpoint.
  const edges: (ChartEdge & { order: number })[] = [];
  const taken = new Set<number>();
  for (let grew = true; grew; ) {
    grew = false;
    all.forEach((e, i) => {
      if (taken.has(i) || !shown.has(e.from)) return;
      taken.add(i);
      grew = true;
      shown.add(e.to);
      edges.push({ from: e.from, to: e.to, label: e.label, ...(e.extension ? { extension: e.extension } : {}), order: i });
    });
  }
  const helpers = [...shown].filter((id) => id.startsWith('state:'));
  const labelOf = (id: string) => {
    const key = id.slice('state:'.length);
    return (machine.root.states[key]?.meta as { label?: string } | undefined)?.label ?? humanize(key);
  };
  const count = new Map<string, number>();
  for (const id of helpers) count.set(labelOf(id), (count.get(labelOf(id)) ?? 0) + 1);
  for (const id of helpers) {
    const label = labelOf(id);
    const key = humanize(id.slice('state:'.length));
    nodes.push({ id, label: (count.get(label) ?? 0) > 1 && key !== label ? `${label} (${key})` : label, shape: 'helper' });
  }
  // Boxes in definition order (ELK keeps it, and breaks cycles against it: a back edge is one that
  // leads to a state defined earlier, like B13 no→B8).
  const order = new Map(getStateNodes(machine.root).map((st, i) => [st.id, i]));
  const stateIdOf = new Map(flowchartNodes(machine).map((n) => [n.id, n.stateId]));
  const rank = (id: string) => order.get(id.startsWith('state:') ? (machine.root.states[id.slice(6)]?.id ?? '') : (stateIdOf.get(id) ?? '')) ?? 0;
  nodes.sort((a, b) => rank(a.id) - rank(b.id));
  // Edges stay in definition order, which ELK keeps as the model order.
  edges.sort((a, b) => a.order - b.order);
  return { machine: name, nodes, edges: edges.map(({ order: _, ...e }) => e) };
}

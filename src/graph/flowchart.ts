import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { getStateNodes } from 'xstate/graph';
import type { FlowEdge, FlowNode } from './types.js';

interface EdgeMeta {
  edge?: string;
  to?: string;
  via?: string;
  extension?: string;
}

/** The flowchart node a state stands for (its `meta.node`), if any. */
export const nodeOf = (s: AnyStateNode | undefined): string | undefined => (s?.meta as { node?: string } | undefined)?.node;

/** The nearest state (itself or an ancestor) that stands for a flowchart node. */
export function ownerNode(s: AnyStateNode | undefined): AnyStateNode | undefined {
  for (let n = s; n; n = n.parent) if (nodeOf(n)) return n;
  return undefined;
}

export const isWithin = (s: AnyStateNode, ancestor: AnyStateNode): boolean => {
  for (let n: AnyStateNode | undefined = s; n; n = n.parent) if (n === ancestor) return true;
  return false;
};

/** The flowchart nodes of a machine: every state whose meta names a node, in definition order. */
export function flowchartNodes(machine: AnyStateMachine): FlowNode[] {
  return getStateNodes(machine.root).flatMap((s) => {
    const meta = s.meta as { node?: string; label?: string; shape?: string } | undefined;
    return meta?.node ? [{ id: meta.node, label: meta.label ?? '', shape: meta.shape ?? 'step', stateId: s.id }] : [];
  });
}

/**
 * The flowchart edges of a machine: every transition that leaves a node (from the node's state
 * or a helper state inside it), with the drawing's label and any extension rule from its meta.
 */
export function flowchartEdges(machine: AnyStateMachine, options: { helpers?: boolean } = {}): FlowEdge[] {
  const edges: FlowEdge[] = [];
  const seen = new Set<string>();
  for (const state of getStateNodes(machine.root)) {
    // Helper states (waiting, routing) are no nodes; drawings of C want their transitions too.
    const owner = ownerNode(state) ?? (options.helpers && state.parent === machine.root ? state : undefined);
    if (!owner) continue;
    const from = nodeOf(owner) ?? `state:${owner.key}`;
    for (const list of [...state.transitions.values(), state.always ?? []]) {
      for (const t of list) {
        for (const target of t.target ?? []) {
          if (isWithin(target, owner)) continue;
          const meta = (t.meta ?? {}) as EdgeMeta;
          const targetNode = nodeOf(target);
          const stateExtension = (target.meta as { extension?: string } | undefined)?.extension;
          const extension = meta.extension ?? (targetNode ? undefined : stateExtension);
          const edge: FlowEdge = {
            from,
            to: meta.to ?? targetNode ?? `state:${target.key}`,
            label: meta.edge ?? '',
            ...(extension ? { extension } : {}),
            ...(meta.via ? { via: meta.via } : {}),
            drawn: meta.edge !== undefined && extension === undefined,
          };
          // onDone and onError often lead to the same place: one edge.
          const key = JSON.stringify([edge.from, edge.to, edge.label, edge.extension]);
          if (!seen.has(key)) {
            seen.add(key);
            edges.push(edge);
          }
        }
      }
    }
  }
  return edges;
}

/** `A1 yes→A4` / `A5→A11`, the way SPEC lists drawn edges. */
export const edgeName = (e: Pick<FlowEdge, 'from' | 'to' | 'label'>) => `${e.from} ${e.label ? `${e.label}→` : '→'}${e.to}`.replace(' →', '→');

import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { getStateNodes } from 'xstate/graph';
import * as machinesModule from '../../machines/index.js';
import { isWithin, nodeOf, ownerNode } from '../graph/flowchart.js';

/**
 * What a scenario set can cover, read from the machine definitions themselves (meta.node,
 * meta.edge, meta.extension, meta.rule, meta.via) and from the rule ids of docs/spec.md, so that
 * a machine added or rewritten is covered without a change here.
 */

/** drawn: in the reference drawing (meta.edge); extension: an edge a rule adds; other: leaves a node without either (flowchart C, which the spec draws from prose). */
export type EdgeKind = 'drawn' | 'extension' | 'other';

export interface CoverageEdge {
  /** `A1 yes→A4`, `A9→state:userCancel [A-R3]`: the same key at run time and in the definition. */
  key: string;
  from: string;
  to: string;
  label: string;
  kind: EdgeKind;
  extension?: string;
  via?: string;
  rules: string[];
}

export interface Universe {
  nodes: string[];
  /** Every transition that leaves a node (transitions between helper states inside no node are not edges). */
  edges: CoverageEdge[];
  rules: string[];
  /** Rule ids that some transition or state of a machine names in its meta. */
  machineRules: string[];
}

interface TransitionMeta {
  edge?: string;
  to?: string;
  via?: string;
  extension?: string;
  rule?: string | string[];
}

const RULE_ID = /^[A-Z]-R\d+$/;
export { nodeOf, ownerNode };

/** Rule ids named by a meta object: `rule` (one or a list), `extension`, `via`. */
export function rulesOfMeta(meta: unknown): string[] {
  if (!meta || typeof meta !== 'object') return [];
  const m = meta as TransitionMeta;
  const out = [...(Array.isArray(m.rule) ? m.rule : m.rule ? [m.rule] : []), m.extension, m.via];
  return out.filter((r): r is string => typeof r === 'string' && RULE_ID.test(r));
}

/** An edge's coverage key, `A1 yes→A4` or `A9→state:userCancel [A-R3]` (the viewer keys its drawn edges the same way). */
export const edgeKey = (e: { from: string; to: string; label: string; extension?: string }): string =>
  `${e.from} ${e.label ? `${e.label}→` : '→'}${e.to}`.replace(' →', '→') + (e.extension ? ` [${e.extension}]` : '');

/**
 * The edge a transition stands for, or null when its source belongs to no node or the target
 * stays inside the source's node (the same reading as the diagrams, src/graph/flowchart.ts).
 */
export function edgeOfTransition(source: AnyStateNode, target: AnyStateNode, transitionMeta: unknown): CoverageEdge | null {
  const owner = ownerNode(source);
  if (!owner || isWithin(target, owner)) return null;
  const meta = (transitionMeta ?? {}) as TransitionMeta;
  const targetNode = nodeOf(target);
  const stateExtension = (target.meta as { extension?: string } | undefined)?.extension;
  const extension = meta.extension ?? (targetNode ? undefined : stateExtension);
  const from = nodeOf(owner)!;
  const to = meta.to ?? targetNode ?? `state:${target.key}`;
  const label = meta.edge ?? '';
  const kind: EdgeKind = extension ? 'extension' : meta.edge !== undefined ? 'drawn' : 'other';
  const key = edgeKey({ from, to, label, ...(extension ? { extension } : {}) });
  const rules = [...new Set([...rulesOfMeta(meta), ...(targetNode ? [] : rulesOfMeta(target.meta))])];
  return { key, from, to, label, kind, ...(extension ? { extension } : {}), ...(meta.via ? { via: meta.via } : {}), rules };
}

const isMachine = (v: unknown): v is AnyStateMachine =>
  typeof v === 'object' && v !== null && 'root' in v && 'config' in v && typeof (v as { provide?: unknown }).provide === 'function';

/** Every state machine `machines/index.ts` exports, in export order. */
export function allMachines(): AnyStateMachine[] {
  return Object.values(machinesModule).filter(isMachine);
}

/** Every transition of a state node: events, `always`, invoke onDone/onError (xstate lists those as events). */
export function transitionsOf(state: AnyStateNode): Array<{ target?: readonly AnyStateNode[]; meta?: unknown }> {
  return [...[...state.transitions.values()].flat(), ...(state.always ?? [])];
}

/** The rule ids of docs/spec.md: every `**X-Rn` that opens a rule. */
export function specRuleIds(specText: string): string[] {
  const ids = [...specText.matchAll(/\*\*([A-Z]-R\d+)/g)].map((m) => m[1]!);
  return [...new Set(ids)];
}

/**
 * docs/spec.md from the source tree (src/conformance or dist/src/conformance). Node's fs is taken
 * at call time, not imported: this module is also bundled into the viewer, which runs coverage in
 * the page and passes the spec text itself.
 */
export function readSpecText(): string {
  const fs = globalThis.process?.getBuiltinModule?.('node:fs');
  if (!fs) throw new Error('coverage: docs/spec.md can only be read in Node (elsewhere pass the spec text to buildUniverse)');
  for (const rel of ['../../docs/spec.md', '../../../docs/spec.md']) {
    try {
      return fs.readFileSync(new URL(rel, import.meta.url), 'utf8');
    } catch {
      /* try the next place */
    }
  }
  throw new Error('coverage: cannot find docs/spec.md beside the package (the rule ids come from it)');
}

const byId = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

/** Nodes, edges and rules of the given machines plus the spec's rule ids. */
export function buildUniverse(machines: AnyStateMachine[] = allMachines(), specText: string = readSpecText()): Universe {
  const nodes = new Set<string>();
  const edges = new Map<string, CoverageEdge>();
  const machineRules = new Set<string>();
  for (const machine of machines) {
    for (const state of getStateNodes(machine.root)) {
      const n = nodeOf(state);
      if (n) nodes.add(n);
      rulesOfMeta(state.meta).forEach((r) => machineRules.add(r));
      for (const t of transitionsOf(state)) {
        rulesOfMeta(t.meta).forEach((r) => machineRules.add(r));
        for (const target of t.target ?? []) {
          const e = edgeOfTransition(state, target, t.meta);
          if (!e) continue;
          const known = edges.get(e.key);
          // Two transitions can stand for one edge (onDone and onError): one edge, both rules.
          if (known) known.rules = [...new Set([...known.rules, ...e.rules])];
          else edges.set(e.key, e);
        }
      }
    }
  }
  const rules = new Set([...specRuleIds(specText), ...machineRules]);
  return {
    nodes: [...nodes].sort(byId),
    edges: [...edges.values()].sort((a, b) => byId(a.key, b.key)),
    rules: [...rules].sort(byId),
    machineRules: [...machineRules].sort(byId),
  };
}

import type { AnyStateMachine, AnyStateNode, InspectionEvent } from 'xstate';
import { getStateNodes } from 'xstate/graph';
import { allMachines, edgeOfTransition, nodeOf, ownerNode, rulesOfMeta, transitionsOf } from './universe.js';

const edgeSourceNode = (s: AnyStateNode) => nodeOf(ownerNode(s));

/** What one call of a scenario exercised: node visits, edges taken and rule ids, with counts. */
export interface CallCoverage {
  nodes: Map<string, number>;
  edges: Map<string, number>;
  rules: Set<string>;
}

export const emptyCallCoverage = (): CallCoverage => ({ nodes: new Map(), edges: new Map(), rules: new Set() });

const bump = (m: Map<string, number>, k: string, by = 1) => m.set(k, (m.get(k) ?? 0) + by);

/** A transition as xstate gives it (state nodes), or as the inspection allowlist rebuilds it (state node ids). */
type SeenTransition =
  | { source: AnyStateNode; target?: readonly AnyStateNode[]; meta?: unknown; eventType?: string }
  | { source: string; target?: readonly string[]; eventType?: string };

interface MicrostepEvent {
  type: '@xstate.microstep';
  actorRef: { sessionId: string };
  snapshot: Snapshotish;
  _transitions?: SeenTransition[];
}
/** xstate's snapshot (getMeta) or the allowlist's (`meta: { stateId: { node } }`). */
interface Snapshotish {
  getMeta?: () => Record<string, unknown>;
  meta?: Record<string, unknown>;
}

interface ResolvedTransition {
  source: AnyStateNode;
  target: readonly AnyStateNode[];
  meta: unknown;
}

/**
 * Finds the definitions behind transitions given by state node ids (the allowlisted inspection
 * events carry no meta): the source's transitions for that event type with those targets. When
 * guards make several candidates equal, only the rules they all name count.
 */
function createResolver(machines: AnyStateMachine[]) {
  const byId = new Map<string, AnyStateNode>();
  for (const m of machines) for (const s of getStateNodes(m.root)) byId.set(s.id, s);
  return (t: SeenTransition): ResolvedTransition | null => {
    if (typeof t.source !== 'string') return { source: t.source, target: (t.target ?? []) as readonly AnyStateNode[], meta: (t as { meta?: unknown }).meta };
    const source = byId.get(t.source);
    if (!source) return null;
    const targets = ((t.target ?? []) as readonly string[]).map((id) => byId.get(id)).filter((x): x is AnyStateNode => Boolean(x));
    const same = (list: readonly AnyStateNode[] | undefined) => (list ?? []).length === targets.length && (list ?? []).every((x, i) => x.id === targets[i]!.id);
    // An eventless transition's type is '' (the allowlist may show it as 'unknown'): then the targets decide.
    const byTarget = transitionsOf(source).filter((d) => same(d.target));
    const byType = byTarget.filter((d) => (d as { eventType?: string }).eventType === t.eventType);
    const candidates = byType.length ? byType : byTarget;
    if (!candidates.length) return { source, target: targets, meta: undefined };
    if (candidates.length === 1) return { source, target: targets, meta: candidates[0]!.meta };
    const rules = candidates.map((c) => rulesOfMeta(c.meta));
    const common = rules[0]!.filter((r) => rules.every((list) => list.includes(r)));
    const first = (candidates[0]!.meta ?? {}) as Record<string, unknown>;
    return { source, target: targets, meta: { edge: first.edge, to: first.to, extension: first.extension, rule: common } };
  };
}

/**
 * An xstate inspector that records, per call, every transition taken (its edge and the rules of
 * its meta) from `@xstate.microstep` events, and every node entered (from the snapshots' meta,
 * which also sees initial states). `transitionsStripped` tells whether the events came without
 * `_transitions` at all (an inspector sanitizer may drop them; the caller then falls back on the
 * results' paths).
 */
export function createCollector(machines: AnyStateMachine[] = allMachines()) {
  const resolve = createResolver(machines);
  const perCall: CallCoverage[] = [];
  let current = emptyCallCoverage();
  let sawTransitions = false;
  let sawMicrosteps = false;
  let sawSnapshots = false;
  // Node ids active in each actor after its last snapshot (by actor session id).
  const active = new Map<string, Set<string>>();

  function enter(actor: string, snapshot: Snapshotish) {
    const metas = typeof snapshot?.getMeta === 'function' ? snapshot.getMeta() : snapshot?.meta && typeof snapshot.meta === 'object' ? snapshot.meta : null;
    if (!metas) return;
    sawSnapshots = true;
    const before = active.get(actor) ?? new Set<string>();
    const now = new Set<string>();
    for (const meta of Object.values(metas)) {
      const id = (meta as { node?: string } | undefined)?.node;
      if (id) {
        now.add(id);
        if (!before.has(id)) bump(current.nodes, id);
      }
      // States that stand for a rule (an extension's end state) count when entered.
      if (!id) rulesOfMeta(meta).forEach((r) => current.rules.add(r));
    }
    active.set(actor, now);
  }

  const inspect = (event: InspectionEvent) => {
    const e = event as unknown as Omit<MicrostepEvent, 'type'> & { type: string };
    if (e.type === '@xstate.snapshot' && e.snapshot && e.actorRef) {
      // The first snapshot of an actor shows its initial node.
      if (!active.has(e.actorRef.sessionId)) enter(e.actorRef.sessionId, e.snapshot);
      return;
    }
    if (e.type !== '@xstate.microstep') return;
    sawMicrosteps = true;
    if (Array.isArray(e._transitions)) {
      // A stop event has none; every other microstep took at least one transition.
      if (e._transitions.length) sawTransitions = true;
      const seen = active.get(e.actorRef.sessionId) ?? new Set<string>();
      for (const seenTransition of e._transitions) {
        const t = resolve(seenTransition);
        if (!t) continue;
        // The source was entered before any snapshot showed it (an initial state left at once).
        const from = edgeSourceNode(t.source);
        if (from && !seen.has(from)) {
          bump(current.nodes, from);
          seen.add(from);
          active.set(e.actorRef.sessionId, seen);
        }
        rulesOfMeta(t.meta).forEach((r) => current.rules.add(r));
        for (const target of t.target) {
          const edge = edgeOfTransition(t.source, target, t.meta);
          if (edge) {
            bump(current.edges, edge.key);
            edge.rules.forEach((r) => current.rules.add(r));
          }
          if (!nodeOf(target)) rulesOfMeta(target.meta).forEach((r) => current.rules.add(r));
        }
      }
    }
    if (e.snapshot && e.actorRef) enter(e.actorRef.sessionId, e.snapshot);
  };

  return {
    inspect,
    /** Starts recording the next call (the simulator's onCall 'before'). */
    beginCall() {
      current = emptyCallCoverage();
      perCall.push(current);
    },
    perCall,
    /** Microstep events came without `_transitions` (a sanitizer dropped them). */
    get transitionsStripped() {
      return sawMicrosteps && !sawTransitions;
    },
    get sawSnapshots() {
      return sawSnapshots;
    },
  };
}

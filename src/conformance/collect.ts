import type { AnyStateNode, InspectionEvent } from 'xstate';
import { edgeOfTransition, nodeOf, ownerNode, rulesOfMeta } from './universe.js';

const edgeSourceNode = (s: AnyStateNode) => nodeOf(ownerNode(s));

/** What one call of a scenario exercised: node visits, edges taken and rule ids, with counts. */
export interface CallCoverage {
  nodes: Map<string, number>;
  edges: Map<string, number>;
  rules: Set<string>;
}

export const emptyCallCoverage = (): CallCoverage => ({ nodes: new Map(), edges: new Map(), rules: new Set() });

const bump = (m: Map<string, number>, k: string, by = 1) => m.set(k, (m.get(k) ?? 0) + by);

interface MicrostepEvent {
  type: '@xstate.microstep';
  actorRef: { sessionId: string };
  snapshot: Snapshotish;
  _transitions?: Array<{ source: AnyStateNode; target?: readonly AnyStateNode[]; meta?: unknown }>;
}
interface Snapshotish {
  getMeta?: () => Record<string, unknown>;
}

/**
 * An xstate inspector that records, per call, every transition taken (its edge and the rules of
 * its meta) from `@xstate.microstep` events, and every node entered (from the snapshots' meta,
 * which also sees initial states). `transitionsStripped` tells whether the events came without
 * `_transitions` at all (an inspector sanitizer may drop them; the caller then falls back on the
 * results' paths).
 */
export function createCollector() {
  const perCall: CallCoverage[] = [];
  let current = emptyCallCoverage();
  let sawTransitions = false;
  let sawMicrosteps = false;
  let sawSnapshots = false;
  // Node ids active in each actor after its last snapshot (by actor session id).
  const active = new Map<string, Set<string>>();

  function enter(actor: string, snapshot: Snapshotish) {
    if (typeof snapshot?.getMeta !== 'function') return;
    sawSnapshots = true;
    const before = active.get(actor) ?? new Set<string>();
    const now = new Set<string>();
    for (const meta of Object.values(snapshot.getMeta())) {
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
      sawTransitions = true;
      const seen = active.get(e.actorRef.sessionId) ?? new Set<string>();
      for (const t of e._transitions) {
        // The source was entered before any snapshot showed it (an initial state left at once).
        const from = edgeSourceNode(t.source);
        if (from && !seen.has(from)) {
          bump(current.nodes, from);
          seen.add(from);
          active.set(e.actorRef.sessionId, seen);
        }
        rulesOfMeta(t.meta).forEach((r) => current.rules.add(r));
        for (const target of t.target ?? []) {
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

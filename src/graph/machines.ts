import type { AnyStateMachine } from 'xstate';
import { getStateNodes } from 'xstate/graph';
import * as exported from '../../machines/index.js';

const isMachine = (v: unknown): v is AnyStateMachine =>
  typeof v === 'object' && v !== null && 'root' in v && 'config' in v && typeof (v as { transition?: unknown }).transition === 'function';

/** The first flowchart node of a machine ('A1', 'C1'…): its drawing's letter orders the machines. */
export function firstNode(machine: AnyStateMachine): string | undefined {
  for (const s of getStateNodes(machine.root)) {
    const node = (s.meta as { node?: string } | undefined)?.node;
    if (node) return node;
  }
  return undefined;
}

// The order a logon runs through the drawings: session, its services, their providers, then the
// live session; a drawing letter not listed here comes after, alphabetically.
const RUN_ORDER = ['A', 'C', 'B', 'D'];
const rank = (node: string) => {
  const i = RUN_ORDER.indexOf(node.replace(/\d+$/, ''));
  return i === -1 ? RUN_ORDER.length : i;
};

/**
 * Every machine `machines/index.ts` exports that stands for a flowchart (some state carries
 * `meta.node`), by its id, in the order a logon runs through the drawings (A, C, B, D, then others). Discovered, not
 * listed: a machine added to machines/ shows up in the diagrams and the viewer by itself.
 */
export const MACHINES_BY_NAME: Record<string, AnyStateMachine> = Object.fromEntries(
  Object.values(exported as Record<string, unknown>)
    .filter(isMachine)
    .flatMap((m) => {
      const first = firstNode(m);
      return first ? [{ m, first }] : [];
    })
    .sort((a, b) => rank(a.first) - rank(b.first) || a.first.localeCompare(b.first, 'en', { numeric: true }))
    .map(({ m }) => [m.id, m]),
);

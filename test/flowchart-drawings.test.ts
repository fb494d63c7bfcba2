import { describe, expect, it } from 'vitest';
import { messageServiceMachine } from '../machines/messageService.js';
import { providerLogonMachine } from '../machines/providerLogon.js';
import { sessionMachine } from '../machines/session.js';
import { sessionLogonMachine } from '../machines/sessionLogon.js';
import type { AnyStateNode } from 'xstate';
import { edgeName, flowchartEdges, flowchartNodes } from '../src/graph/flowchart.js';

// SPEC sections 2 and 4, copied from its tables: the machines must match the drawings exactly.
const A_EDGES = [
  'A1 yes→A4', 'A1 no→A2', 'A2 yes→A3', 'A2 no→A4', 'A4 no→A5', 'A4 yes→A6', 'A6 yes→A7', 'A6 no→A8',
  'A8 yes→A9', 'A8 no→A10', 'A5→A11', 'A7→A11', 'A9→A11', 'A11 yes→A12', 'A11 no→A13', 'A13 yes→A14',
  'A14→A12', 'A13 no→A15',
];
const B_EDGES = [
  'B1→B2', 'B2 yes→B3', 'B3→B4', 'B4 yes→B5', 'B4 no→B6', 'B6 no→B7', 'B6 yes→B8', 'B8→B9', 'B9 yes→B10',
  'B9 no→B11', 'B11 no→B12', 'B11 yes→B13', 'B13 yes→B14', 'B13 no→B8',
];
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

describe('the machines against the drawings', () => {
  it('flowchart A: the session machine has exactly the 15 nodes A1..A15', () => {
    expect(flowchartNodes(sessionLogonMachine).map((n) => n.id).sort()).toEqual(ids('A', 15).sort());
  });

  it('flowchart A: the drawn edges are exactly the 18 of the drawing', () => {
    const drawn = flowchartEdges(sessionLogonMachine).filter((e) => e.drawn).map(edgeName);
    expect(drawn.sort()).toEqual([...A_EDGES].sort());
  });

  it('flowchart B: the provider machine has exactly the 14 nodes B1..B14', () => {
    expect(flowchartNodes(providerLogonMachine).map((n) => n.id).sort()).toEqual(ids('B', 14).sort());
  });

  it('flowchart B: the drawn edges are exactly the 14 of the drawing', () => {
    const drawn = flowchartEdges(providerLogonMachine).filter((e) => e.drawn).map(edgeName);
    expect(drawn.sort()).toEqual([...B_EDGES].sort());
  });

  it('flowchart C: the service machine has the nodes C1..C8', () => {
    expect(flowchartNodes(messageServiceMachine).map((n) => n.id).sort()).toEqual(ids('C', 8).sort());
  });

  it('every extension edge names the rule that adds it (A-R3, A-R4, B-R1, B-R4)', () => {
    const ext = [...flowchartEdges(sessionLogonMachine), ...flowchartEdges(providerLogonMachine)]
      .filter((e) => !e.drawn)
      .map((e) => `${edgeName(e)} ${e.extension}`);
    expect(ext.sort()).toEqual(
      [
        'A9→state:userCancel A-R3',
        'A14→state:userCancel A-R4',
        'A14→state:logonFailed A-R4',
        'B2 no→B6 B-R1',
        'B5→state:callProvider B-R4',
        'B10→state:callProvider B-R4',
      ].sort(),
    );
  });

  it('A11 yes→A12 and A14→A12 pass through the message services (A-R5)', () => {
    const via = flowchartEdges(sessionLogonMachine).filter((e) => e.via).map((e) => `${edgeName(e)} ${e.via}`);
    expect(via.sort()).toEqual(['A11 yes→A12 A-R5', 'A14→A12 A-R5']);
  });

  it('A-R5, C-R2 (v2): A11 yes and A14 valid reach A12 only through the phases, followed in the graph', () => {
    // Every transition of a state and of the states inside it: `on`, `always`, invoke onDone/onError.
    const transitionsOf = (s: AnyStateNode) =>
      [...s.transitions.values(), s.always ?? []].flat().flatMap((t) => (t.target ?? []).map((target) => ({ t, target })));
    const nodeOf = (s: AnyStateNode) => (s.meta as { node?: string } | undefined)?.node;
    const descendants = (s: AnyStateNode): AnyStateNode[] => [s, ...Object.values(s.states).flatMap(descendants)];
    const topState = (s: AnyStateNode) => {
      let n = s;
      while (n.parent && n.parent !== sessionLogonMachine.root) n = n.parent;
      return n;
    };
    /** The flowchart nodes reached from `start` through states that are no node, with the states passed. */
    function reach(start: AnyStateNode, passed: string[] = [], out = new Set<string>()): Set<string> {
      const top = topState(start);
      if (nodeOf(top)) {
        out.add(`${passed.join(' → ')} → ${nodeOf(top)}`);
        return out;
      }
      if (passed.includes(top.key)) return out;
      for (const s of descendants(top)) {
        for (const { target } of transitionsOf(s)) if (topState(target) !== top) reach(target, [...passed, top.key], out);
      }
      return out;
    }
    const from = (node: string, label: string) => {
      const state = sessionLogonMachine.getStateNodeById(`sessionLogon.${node}`);
      const t = transitionsOf(state).find(({ t }) => (t.meta as { edge?: string } | undefined)?.edge === label)!;
      return [...reach(t.target)].sort();
    };
    const phases = 'configureServices → addressBooks → stores → forceDownload';
    expect(from('A11', 'yes')).toEqual([`${phases} → A12`, `${phases} → transports → A12`]);
    expect(from('A14', '')).toEqual([`${phases} → A12`, `${phases} → transports → A12`]);
  });

  it('flowchart D (v2): the session machine has exactly the nodes D1..D5, each recording its id on entry', () => {
    expect(flowchartNodes(sessionMachine).map((n) => n.id).sort()).toEqual(ids('D', 5).sort());
    const edges = flowchartEdges(sessionMachine).map((e) => `${e.from}→${e.to}`);
    for (const e of ['D1→D2', 'D2→D1', 'D1→D3', 'D3→D1', 'D1→D4', 'D2→D4', 'D4→D5']) expect(edges, e).toContain(e);
  });

  it('every node state records its id in the path on entry', () => {
    for (const m of [sessionLogonMachine, providerLogonMachine, messageServiceMachine, sessionMachine]) {
      for (const n of flowchartNodes(m)) {
        const state = m.getStateNodeById(n.stateId);
        const entry = state.entry.map((a) => (typeof a === 'object' && a && 'params' in a ? (a as { params: { node?: string } }).params?.node : undefined));
        expect(entry, n.id).toContain(n.id);
      }
    }
  });
});

import { describe, expect, it } from 'vitest';
import { createMachine } from 'xstate';
import { flowchartEdges, flowchartNodes } from '../../src/graph/flowchart.js';
import { MACHINES_BY_NAME } from '../../src/graph/machines.js';
import { layoutAllCharts } from '../../viz/layout/allCharts.js';
import { chartModel } from '../../viz/layout/chartModel.js';
import { layoutChart } from '../../viz/layout/elkLayout.js';
import { chartProblems, type GChart } from './geometry.js';

const charts = await layoutAllCharts();

describe('the charts ELK lays out (before any browser draws them)', () => {
  it('one chart per machine with flowchart nodes, D included once it exists', () => {
    expect(charts.map((c) => c.machine)).toEqual(Object.keys(MACHINES_BY_NAME));
    for (const c of charts) {
      const nodes = flowchartNodes(MACHINES_BY_NAME[c.machine]!).map((n) => n.id);
      expect(c.nodes.map((n) => n.id)).toEqual(expect.arrayContaining(nodes));
    }
  });

  it.each(charts.map((c) => [c.machine, c] as const))('%s: no edge through a box, no shared line, every label by its own edge only', (_, chart) => {
    expect(chartProblems(chart)).toEqual([]);
  });

  it.each(Object.entries(MACHINES_BY_NAME))("%s: every edge between nodes is drawn once with its meta.edge label", (name, machine) => {
    const chart = charts.find((c) => c.machine === name)!;
    const nodeIds = new Set(flowchartNodes(machine).map((n) => n.id));
    for (const e of flowchartEdges(machine).filter((x) => nodeIds.has(x.from) && nodeIds.has(x.to) && x.from !== x.to)) {
      const drawn = chart.edges.filter((d) => d.from === e.from && d.to === e.to && d.label === e.label);
      expect(drawn, `${e.from} ${e.label}→${e.to}`).toHaveLength(1);
    }
    expect(chart.edges.length).toBe(chartModel(name, machine).edges.length);
  });

  it('helper boxes have distinct labels', () => {
    for (const c of charts) {
      const labels = c.nodes.filter((n) => n.shape === 'helper').map((n) => n.label);
      expect(new Set(labels).size, c.machine).toBe(labels.length);
    }
  });
});

describe('a machine nobody has drawn yet lays itself out', () => {
  it('nodes, yes/no, an extension edge, a loop and a helper state, read from meta alone', async () => {
    const m = createMachine({
      id: 'made-up',
      initial: 'X1',
      states: {
        X1: { meta: { node: 'X1', label: 'Start here', shape: 'start' }, on: { GO: { target: 'X2', meta: { edge: '' } } } },
        X2: {
          meta: { node: 'X2', label: 'Is it ready?', shape: 'decision' },
          on: { YES: { target: 'X4', meta: { edge: 'yes' } }, NO: { target: 'X3', meta: { edge: 'no' } }, ODD: { target: 'waiting', meta: { extension: 'X-R1' } } },
        },
        X3: { meta: { node: 'X3', label: 'Make it ready', shape: 'step' }, on: { AGAIN: { target: 'X2', meta: { edge: '' } } } },
        X4: { meta: { node: 'X4', label: 'Done', shape: 'end' }, type: 'final' },
        waiting: { meta: { label: 'Waiting for something' }, on: { BACK: 'X1' } },
      },
    });
    const chart = await layoutChart(chartModel('made-up', m), 'X · made up');
    expect(chart.nodes.map((n) => n.id).sort()).toEqual(['X1', 'X2', 'X3', 'X4', 'state:waiting']);
    expect(chart.edges.map((e) => `${e.from}>${e.to}:${e.label}${e.extension ? `:${e.extension}` : ''}`).sort()).toEqual(
      ['X1>X2:', 'X2>X3:no', 'X2>X4:yes', 'X2>state:waiting::X-R1', 'X3>X2:', 'state:waiting>X1:'].sort(),
    );
    expect(chartProblems(chart)).toEqual([]);
  });
});

describe('machines of any shape lay out right (seeded random graphs)', () => {
  it('100 graphs of 4 to 13 boxes: decisions with yes/no, steps with one or two ways on, results, helpers, loops', async () => {
    // Seed 7 draws, among others, two graphs whose back-edge labels ELK put on another line.
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const shapes = ['decision', 'step', 'end', 'helper'];
    const problems: string[] = [];
    for (let t = 0; t < 100; t++) {
      const n = 4 + Math.floor(rnd() * 10);
      const nodes = Array.from({ length: n }, (_, i) => ({ id: `N${i + 1}`, label: 'Some label text here', shape: i === 0 ? 'start' : shapes[Math.floor(rnd() * 4)]! }));
      const edges: { from: string; to: string; label: string }[] = [];
      for (const a of nodes) {
        if (a.shape === 'end') continue;
        const ways = a.shape === 'decision' ? 2 : 1 + Math.floor(rnd() * 2);
        for (let j = 0; j < ways; j++) {
          const b = nodes[Math.floor(rnd() * n)]!;
          if (b !== a && !edges.some((e) => e.from === a.id && e.to === b.id)) edges.push({ from: a.id, to: b.id, label: a.shape === 'decision' ? ['yes', 'no'][j]! : '' });
        }
      }
      problems.push(...chartProblems(await layoutChart({ machine: `graph${t}`, nodes, edges }, '')));
    }
    expect(problems).toEqual([]);
  });
});

describe('the geometry checks can fail', () => {
  const base = (): GChart => ({
    machine: 'm',
    width: 400,
    height: 400,
    nodes: [
      { id: 'X1', x: 0, y: 0, width: 100, height: 40 },
      { id: 'X2', x: 0, y: 100, width: 100, height: 40 },
      { id: 'X3', x: 0, y: 200, width: 100, height: 40 },
      { id: 'X4', x: 200, y: 200, width: 100, height: 40 },
    ],
    edges: [],
  });
  it('an edge through a third box', () => {
    const c = base();
    c.edges.push({ from: 'X1', to: 'X3', label: '', points: [[50, 40], [50, 200]] });
    expect(chartProblems(c)).toEqual(['m: X1→X3 passes through X2']);
  });
  it('two edges on one line into different targets, but not into the same one', () => {
    const c = base();
    c.edges.push({ from: 'X1', to: 'X4', label: '', points: [[100, 20], [150, 20], [150, 200]] });
    c.edges.push({ from: 'X2', to: 'X3', label: '', points: [[100, 120], [150, 120], [150, 180], [50, 180], [50, 200]] });
    expect(chartProblems(c)).toEqual(['m: X1→X4 and X2→X3 share 60 px of line']);
    c.edges[1]!.to = 'X4';
    c.edges[1]!.points = [[100, 120], [150, 120], [150, 200]];
    expect(chartProblems(c)).toEqual([]);
  });
  it('a label on a box, far from its edge, touching another edge, or missing', () => {
    const c = base();
    c.edges.push({ from: 'X1', to: 'X4', label: 'yes', points: [[100, 20], [250, 20], [250, 200]], labelBox: { x: 140, y: 105, width: 30, height: 18 } });
    c.edges.push({ from: 'X2', to: 'X3', label: 'no', points: [[100, 120], [150, 120], [150, 180], [60, 180], [60, 200]], labelBox: { x: 140, y: 140, width: 20, height: 18 } });
    c.edges.push({ from: 'X3', to: 'X4', label: 'no', points: [[100, 220], [200, 220]], labelBox: { x: 10, y: 205, width: 20, height: 18 } });
    c.edges.push({ from: 'X1', to: 'X2', label: 'yes', points: [[50, 40], [50, 100]] });
    expect(chartProblems(c)).toEqual([
      'm: label of X1 yes→X4 is 80.0 px from its edge',
      'm: label of X1 yes→X4 touches X2 no→X3',
      'm: label of X3 no→X4 lies on X3',
      'm: label of X3 no→X4 is 70.0 px from its edge',
      'm: X1 yes→X2 has no label drawn',
    ]);
  });
});

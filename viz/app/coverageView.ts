import type { CoverageReport, Tally } from '../../src/conformance/coverage.js';
import { edgeKey } from '../../src/conformance/universe.js';
import type { LaidOutChart } from '../layout/types.js';
import type { ChartTabs } from './charts.js';
import { edgeCounts } from './coverageData.js';
import { LEVELS, levelOf, levelRanges, rangeText } from './coverageScale.js';
import { h, s, table } from './dom.js';

const SHADES = ['cov-na', 'cov-unreachable', ...Array.from({ length: LEVELS + 1 }, (_, l) => `cov-l${l}`)];
const times = (n: number) => (n === 1 ? 'once' : `${n} times`);
// Badge text is drawn at 14 px (as the node text): about this wide per character.
const CHAR_WIDTH = 8.6;

/** The titles as the run view wrote them, to put back when the coverage view goes. */
const plainTitles = new WeakMap<Element, string>();
function retitle(el: Element | null, text: (plain: string) => string): void {
  if (!el) return;
  if (!plainTitles.has(el)) plainTitles.set(el, el.textContent ?? '');
  el.textContent = text(plainTitles.get(el)!);
}

/** Takes the coverage shading off a chart: classes, counts, badges, titles, arrowheads. */
export function unshade(svg: SVGSVGElement): void {
  if (!svg.classList.contains('coverage')) return;
  svg.classList.remove('coverage');
  svg.querySelector('[data-coverage-badges]')?.remove();
  svg.querySelectorAll<SVGGElement>('g.node, g.edge-group').forEach((g) => {
    g.classList.remove(...SHADES);
    delete g.dataset.count;
  });
  svg.querySelectorAll('title').forEach((t) => {
    const plain = plainTitles.get(t);
    if (plain !== undefined) t.textContent = plain;
  });
  const machine = svg.dataset.machine!;
  svg.querySelectorAll('g.edge-group path').forEach((p) => p.setAttribute('marker-end', `url(#${machine}-arrow)`));
}

/** The count badge at a node's top-right corner: `×12`, with its own tooltip. */
function badge(chart: LaidOutChart, node: LaidOutChart['nodes'][number], count: number, level: number): SVGGElement {
  const text = `×${count}`;
  const width = 12 + CHAR_WIDTH * text.length;
  const height = 20;
  const x = Math.min(chart.width - width - 1, node.x + node.width - width + 8);
  const y = Math.max(1, node.y - height / 2 - 2);
  return s('g', { class: `cov-badge cov-l${level}`, 'data-node': node.id, 'data-count': count },
    s('title', {}, `${node.id}: entered ${count ? times(count) : 'never'}`),
    s('rect', { x, y, width, height, rx: 10 }),
    s('text', { x: x + width / 2, y: y + height / 2, 'text-anchor': 'middle', 'dominant-baseline': 'central' }, text));
}

/**
 * Shades every chart by a coverage report: each node and edge by how often the runs took it
 * (`.cov-l1`…`.cov-l5`, log scale up to the largest count), never-taken ones `.cov-l0` (grey,
 * dashed), boxes and edges coverage does not count (helper states) `.cov-na`, edges no scenario
 * can take `.cov-unreachable`. Each node's count is drawn on it and given in its title.
 */
export function shadeCharts(tabs: ChartTabs, charts: LaidOutChart[], report: CoverageReport): number {
  const nodes = report.nodes.counts;
  const edges = edgeCounts(report);
  const unreachable = report.unreachableEdges ?? {};
  const max = Math.max(1, ...Object.values(nodes), ...edges.values());
  for (const chart of charts) {
    const svg = tabs.svgOf(chart.machine);
    if (!svg) continue;
    unshade(svg);
    svg.classList.add('coverage');
    const badges = s('g', { class: 'cov-badges', 'data-coverage-badges': true });
    let taken = 0;
    let counted = 0;
    for (const n of chart.nodes) {
      const g = svg.querySelector<SVGGElement>(`g.node[data-node="${CSS.escape(n.id)}"]`);
      if (!g) continue;
      const count = nodes[n.id];
      if (count === undefined) {
        g.classList.add('cov-na');
        retitle(g.querySelector('title'), (t) => `${t} — not counted (a helper state of the machine, not a node of the drawing)`);
        continue;
      }
      const level = levelOf(count, max);
      counted++;
      if (count) taken++;
      g.classList.add(`cov-l${level}`);
      g.dataset.count = String(count);
      retitle(g.querySelector('title'), (t) => `${t} — entered ${count ? times(count) : 'never'}`);
      badges.append(badge(chart, n, count, level));
    }
    svg.querySelectorAll<SVGGElement>('g.edge-group').forEach((g) => {
      const key = g.dataset.key!;
      const path = g.querySelector('path')!;
      const count = edges.get(key);
      let shade: string;
      if (key in unreachable) {
        shade = 'cov-unreachable';
        retitle(path.querySelector('title'), (t) => `${t} — no scenario can take it: ${unreachable[key]}`);
      } else if (count === undefined) {
        shade = 'cov-na';
        retitle(path.querySelector('title'), (t) => `${t} — not counted (${key.startsWith('state:') ? 'it leaves a helper state, not a node' : 'not in this report'})`);
      } else {
        const level = levelOf(count, max);
        shade = `cov-l${level}`;
        g.dataset.count = String(count);
        path.setAttribute('marker-end', `url(#${chart.machine}-arrow-cov${level})`);
        retitle(path.querySelector('title'), (t) => `${t} — taken ${count ? times(count) : 'never'}`);
      }
      g.classList.add(shade);
      if (shade !== 'cov-na' && !g.dataset.count) path.setAttribute('marker-end', `url(#${chart.machine}-arrow-cov0)`);
    });
    svg.append(badges);
    tabs.caption(chart.machine, `${taken} of ${counted} nodes entered by ${scenariosText(report)}`, ` — ${taken}/${counted}`);
  }
  return max;
}

const scenariosText = (r: CoverageReport) => `${r.scenarios} scenario${r.scenarios === 1 ? '' : 's'} (${r.calls} call${r.calls === 1 ? '' : 's'})`;

/** What the coverage shading means, with the counts each shade stands for in this report. */
export function coverageLegend(max: number): HTMLElement {
  const swatch = (...children: SVGElement[]) => s('svg', { width: 64, height: 22, viewBox: '0 0 64 22', 'aria-hidden': 'true' }, ...children);
  const both = (cls: string) =>
    swatch(s('g', { class: `node step ${cls}` }, s('rect', { class: 'shape', x: 2, y: 3, width: 26, height: 16, rx: 3 })),
      s('g', { class: `edge-group ${cls}` }, s('path', { class: 'edge', d: 'M34,11 L62,11' })));
  const item = (sw: SVGElement, text: string, attrs: Record<string, string | number> = {}) => h('li', attrs, sw, h('span', {}, text));
  return h('section', { class: 'legend', 'aria-label': 'coverage legend', 'data-coverage-legend': true }, h('h2', {}, 'Coverage legend'),
    h('ul', {},
      ...levelRanges(max).map((r) => item(both(`cov-l${r.level}`), `taken ${rangeText(r)} time${r.to === 1 ? '' : 's'}`, { 'data-level': r.level })),
      item(both('cov-l0'), 'never taken (grey, dashed)', { 'data-level': 0 }),
      item(swatch(s('g', { class: 'edge-group cov-unreachable' }, s('path', { class: 'edge', d: 'M34,11 L62,11' }))), 'an edge no scenario can take (its tooltip says why)'),
      item(both('cov-na'), "not counted: the machine's own helper states"),
      item(swatch(s('g', { class: 'cov-badge cov-l3' }, s('rect', { x: 14, y: 1, width: 36, height: 20, rx: 10 }), s('text', { x: 32, y: 11, 'text-anchor': 'middle', 'dominant-baseline': 'central' }, '×12'))),
        'times the node was entered (hover a box or an edge for its count)')));
}

const pct = (t: Tally) => (t.total ? `${Math.round((1000 * t.covered) / t.total) / 10} %` : '—');

/** The report as tables a keyboard reaches: the totals, what was never taken, each chart's counts. */
export function coveragePanel(report: CoverageReport, charts: LaidOutChart[], source: string, legend: HTMLElement): HTMLElement {
  const tallies: [string, Tally | undefined][] = [
    ['Nodes', report.nodes],
    ['Drawn edges', report.edges.drawn],
    ['Extension edges', report.edges.extension],
    ['Other edges', report.edges.other],
    ['Rule ids', report.rules],
  ];
  const rows = tallies.filter((t): t is [string, Tally] => Boolean(t[1])).map(([what, t]) => [what, `${t.covered} / ${t.total}`, pct(t)]);
  const missing = tallies.flatMap(([, t]) => t?.missing ?? []);
  const edges = edgeCounts(report);
  const perChart = charts.map((c) => {
    const nodeRows = c.nodes.filter((n) => n.id in report.nodes.counts).map((n) => [n.id, String(report.nodes.counts[n.id])]);
    const edgeRows = c.edges.map(edgeKey).filter((k) => edges.has(k)).map((k) => [k, String(edges.get(k))]);
    return h('details', { 'data-coverage-chart': c.machine }, h('summary', {}, `Counts on ${c.title}`),
      table('Nodes entered', ['Node', 'Times'], nodeRows),
      table('Edges taken', ['Edge', 'Times'], edgeRows));
  });
  return h('div', { class: 'coverage-panel', 'data-coverage-panel': true },
    h('h2', {}, `Coverage of ${source}`),
    h('p', {}, `${scenariosText(report)}, counted as mapi-logon coverage counts them.`),
    table('Covered', ['What', 'Covered', ''], rows, { 'data-coverage-totals': true }),
    legend,
    h('p', { 'data-coverage-missing': true }, missing.length ? `Never taken: ${missing.join(', ')}` : 'Every node, reachable edge and reachable rule id was taken.'),
    ...perChart);
}

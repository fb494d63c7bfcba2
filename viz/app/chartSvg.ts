import { DECISION_INDENT, END_RADIUS, LINE_HEIGHT, type LaidOutChart, type LaidOutNode } from '../layout/types.js';
import { edgeKey } from '../../src/conformance/universe.js';
import { LEVELS } from './coverageScale.js';
import { s } from './dom.js';

function shapeOf(n: LaidOutNode): SVGElement {
  const { x, y, width: w, height: hh } = n;
  if (n.shape === 'decision') {
    const i = DECISION_INDENT;
    const points = [[x + i, y], [x + w - i, y], [x + w, y + hh / 2], [x + w - i, y + hh], [x + i, y + hh], [x, y + hh / 2]];
    return s('polygon', { class: 'shape', points: points.map((p) => p.join(',')).join(' ') });
  }
  const rx = n.shape === 'step' ? 3 : END_RADIUS;
  return s('rect', { class: 'shape', x, y, width: w, height: hh, rx });
}

const pathOf = (points: [number, number][]) => points.map(([x, y], i) => `${i ? 'L' : 'M'}${x},${y}`).join(' ');

/**
 * One chart as SVG, from its layout: `<g class="node" data-node>` per box, `<g data-edge="A1>A4">`
 * per edge with its path and its label where ELK put it. Extension edges are dashed. Sizes are CSS
 * px at zoom 1; the page scales the whole drawing.
 */
export function chartSvg(chart: LaidOutChart): SVGSVGElement {
  const svg = s('svg', {
    class: 'flowchart',
    'data-machine': chart.machine,
    viewBox: `0 0 ${chart.width} ${chart.height}`,
    width: chart.width,
    height: chart.height,
    role: 'img',
    'aria-label': `flowchart ${chart.title}`,
  });
  const marker = (id: string, cls: string) =>
    s('marker', { id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 8, markerHeight: 8, markerUnits: 'userSpaceOnUse', orient: 'auto-start-reverse' },
      s('path', { d: 'M0,0 L10,5 L0,10 z', class: cls }));
  const idp = `${chart.machine}-`;
  // The coverage view's arrowheads, one per shade (`arrow-cov0` for an edge never taken).
  const coverage = Array.from({ length: LEVELS + 1 }, (_, l) => marker(`${idp}arrow-cov${l}`, `arrowhead cov-l${l}`));
  svg.append(s('defs', {}, marker(`${idp}arrow`, 'arrowhead'), marker(`${idp}arrow-taken`, 'arrowhead taken'), ...coverage));
  const edges = s('g', { class: 'edges' });
  const labels = s('g', { class: 'edge-labels' });
  for (const e of chart.edges) {
    const title = `${e.from} ${e.label ? `${e.label} ` : ''}→ ${e.to}${e.extension ? ` (extension ${e.extension})` : ''}`;
    // data-key: the edge's key in a coverage report (`A1 yes→A4`).
    const g = s('g', { class: 'edge-group', 'data-edge': `${e.from}>${e.to}`, 'data-label': e.label, 'data-key': edgeKey(e) },
      s('path', { class: `edge${e.extension ? ' extension' : ''}`, d: pathOf(e.points), 'marker-end': `url(#${idp}arrow)` }, s('title', {}, title)));
    edges.append(g);
    if (e.label && e.labelBox) {
      const b = e.labelBox;
      labels.append(
        s('g', { class: 'edge-label', 'data-edge': `${e.from}>${e.to}` },
          s('rect', { x: b.x, y: b.y, width: b.width, height: b.height, rx: 3 }),
          s('text', { x: b.x + b.width / 2, y: b.y + b.height / 2, 'dominant-baseline': 'central', 'text-anchor': 'middle' }, e.label)),
      );
    }
  }
  const nodes = s('g', { class: 'nodes' });
  for (const n of chart.nodes) {
    const cx = n.x + n.width / 2;
    const top = n.y + n.height / 2 - ((n.lines.length - 1) * LINE_HEIGHT) / 2;
    const text = s('text', { x: cx, y: top, 'text-anchor': 'middle', 'dominant-baseline': 'central' });
    n.lines.forEach((line, i) => {
      const isId = i === 0 && n.shape !== 'helper';
      text.append(s('tspan', { x: cx, y: top + i * LINE_HEIGHT, class: isId ? 'node-id' : null }, line));
    });
    nodes.append(
      s('g', { class: `node ${n.shape}`, 'data-node': n.id }, s('title', {}, n.shape === 'helper' ? n.label : `${n.id}: ${n.label}`), shapeOf(n), text),
    );
  }
  svg.append(edges, nodes, labels);
  return svg;
}

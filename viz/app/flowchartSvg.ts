import type { AnyStateMachine } from 'xstate';
import { flowchartEdges, flowchartNodes } from '../../src/graph/flowchart.js';
import { LAYOUT } from '../layout.js';

const COL = 250;
const ROW = 100;
const W = 200;
const H = 60;
const PAD = 20;

interface Box {
  id: string;
  label: string;
  shape: string;
  x: number;
  y: number;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function wrap(text: string, width = 28): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if ((line + ' ' + word).trim().length > width && line) {
      lines.push(line);
      line = word;
    } else line = (line + ' ' + word).trim();
  }
  if (line) lines.push(line);
  return lines.slice(0, 3);
}

function shapeSvg(b: Box): string {
  const { x, y } = b;
  switch (b.shape) {
    case 'decision':
      return `<polygon class="shape" points="${x},${y - H / 2 - 6} ${x + W / 2},${y} ${x},${y + H / 2 + 6} ${x - W / 2},${y}"/>`;
    case 'step':
      return `<rect class="shape" x="${x - W / 2}" y="${y - H / 2}" width="${W}" height="${H}" rx="3"/>`;
    default:
      return `<rect class="shape" x="${x - W / 2}" y="${y - H / 2}" width="${W}" height="${H}" rx="${H / 2}"/>`;
  }
}

/** The point where a line towards (tx, ty) leaves the box. */
function exitPoint(b: Box, tx: number, ty: number): [number, number] {
  const dx = tx - b.x;
  const dy = ty - b.y;
  if (Math.abs(dx) * H > Math.abs(dy) * W) return [b.x + Math.sign(dx) * (W / 2), b.y];
  return [b.x, b.y + Math.sign(dy) * (H / 2 + (b.shape === 'decision' ? 6 : 0))];
}

/**
 * The flowchart of a machine as SVG: one `<g class="node" data-node="A4">` per node (flowchart
 * nodes and the helper states edges lead to), one `<path class="edge">` per transition; extension
 * edges are dashed. Drawn from `flowchartNodes` / `flowchartEdges` of the machine definition.
 */
export function flowchartSvg(machineName: string, machine: AnyStateMachine): string {
  const layout = LAYOUT[machineName] ?? {};
  const boxes = new Map<string, Box>();
  const place = (id: string, label: string, shape: string) => {
    const [c, r] = layout[id] ?? [3, boxes.size];
    boxes.set(id, { id, label, shape, x: PAD + W / 2 + c * COL, y: PAD + H / 2 + r * ROW });
  };
  for (const n of flowchartNodes(machine)) place(n.id, n.label, n.shape);
  const edges = flowchartEdges(machine, { helpers: machineName === 'messageService' });
  for (const e of edges) {
    for (const id of [e.from, e.to]) {
      if (!boxes.has(id)) {
        const key = id.replace(/^state:/, '');
        const meta = machine.root.states[key]?.meta as { label?: string } | undefined;
        place(id, meta?.label ?? key, 'helper');
      }
    }
  }
  const maxX = Math.max(...[...boxes.values()].map((b) => b.x)) + W / 2 + PAD;
  const maxY = Math.max(...[...boxes.values()].map((b) => b.y)) + H / 2 + PAD;

  const edgeSvg = edges
    .filter((e) => e.from !== e.to)
    .map((e) => {
      const a = boxes.get(e.from)!;
      const b = boxes.get(e.to)!;
      let d: string;
      if (a.x === b.x || a.y === b.y) {
        const [x1, y1] = exitPoint(a, b.x, b.y);
        const [x2, y2] = exitPoint(b, a.x, a.y);
        d = `M${x1},${y1} L${x2},${y2}`;
      } else {
        // Out of the side towards the target's column, then down or up into it.
        const [x1, y1] = exitPoint(a, b.x, a.y);
        const [x2, y2] = exitPoint(b, b.x, a.y);
        d = `M${x1},${y1} L${b.x},${y1} L${x2},${y2}`;
      }
      const [lx, ly] = exitPoint(a, b.x, a.x === b.x ? b.y : a.y);
      // Dashed: the edges SPEC adds to Microsoft's drawings.
      const cls = `edge${e.extension ? ' extension' : ''}`;
      const title = e.extension ? `${e.from} → ${e.to} (${e.extension})` : `${e.from} → ${e.to}`;
      const label = e.label ? `<text class="edge-label" x="${lx + 6}" y="${ly - 6}">${esc(e.label)}</text>` : '';
      return `<g data-edge="${esc(e.from)}>${esc(e.to)}"><path class="${cls}" d="${d}" marker-end="url(#arrow)"><title>${esc(title)}</title></path>${label}</g>`;
    })
    .join('');

  const nodeSvg = [...boxes.values()]
    .map((b) => {
      const lines = b.shape === 'helper' ? [b.label] : wrap(b.label);
      const id = b.id.startsWith('state:') ? '' : b.id;
      const text = [id ? `<tspan class="node-id">${esc(id)}</tspan>` : '', ...lines.map((l) => esc(l))]
        .filter(Boolean)
        .map((l, i, all) => `<tspan x="${b.x}" dy="${i === 0 ? -((all.length - 1) * 13) / 2 : 13}">${l}</tspan>`)
        .join('');
      return `<g class="node ${b.shape}" data-node="${esc(b.id)}">${shapeSvg(b)}<text x="${b.x}" y="${b.y + 4}">${text}</text></g>`;
    })
    .join('');

  return `<svg xmlns="http://www.w3.org/2000/svg" class="flowchart" data-machine="${machineName}" viewBox="0 0 ${maxX} ${maxY}" width="${maxX}" height="${maxY}">
<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrowhead"/></marker></defs>
${edgeSvg}${nodeSvg}</svg>`;
}

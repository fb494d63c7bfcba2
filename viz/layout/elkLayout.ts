import elkBundled from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import type { ChartModel, ChartNode } from './chartModel.js';
import { clearLabels } from './clearLabels.js';
import { DECISION_INDENT, EDGE_FONT, END_RADIUS, LINE_HEIGHT, NODE_FONT, type LaidOutChart, type LaidOutEdge, type LaidOutNode } from './types.js';
import { textWidth, wrapText } from './textSize.js';


const PAD_X = 14;
const PAD_Y = 8;
const MAX_TEXT = 190;

function sizeOf(n: ChartNode): Pick<LaidOutNode, 'width' | 'height' | 'lines'> {
  const text = n.shape === 'helper' ? [] : [n.id];
  const lines = [...text, ...wrapText(n.label, NODE_FONT, MAX_TEXT)];
  const widest = Math.max(...lines.map((l) => textWidth(l, NODE_FONT)));
  const padX = PAD_X + (n.shape === 'decision' ? DECISION_INDENT : 0);
  return { lines, width: Math.ceil(Math.max(110, widest + 2 * padX)), height: lines.length * LINE_HEIGHT + 2 * PAD_Y };
}

// The spine: edges into a decision or a step stay straight (like the drawings' vertical runs of
// questions); edges into results (ends, helpers) bend off to the sides.
const straightness = (to: ChartNode | undefined) => (to && (to.shape === 'decision' || to.shape === 'step') ? '20' : '1');

const OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  'elk.layered.crossingMinimization.forceNodeModelOrder': 'false',
  'elk.layered.mergeEdges': 'false',
  'elk.layered.feedbackEdges': 'true',
  'elk.layered.cycleBreaking.strategy': 'MODEL_ORDER',
  'elk.edgeLabels.placement': 'CENTER',
  'elk.layered.edgeLabels.sideSelection': 'SMART_DOWN',
  'elk.spacing.nodeNode': '36',
  'elk.layered.spacing.nodeNodeBetweenLayers': '44',
  'elk.spacing.edgeNode': '18',
  'elk.layered.spacing.edgeNodeBetweenLayers': '18',
  'elk.spacing.edgeEdge': '14',
  'elk.layered.spacing.edgeEdgeBetweenLayers': '14',
  'elk.spacing.edgeLabel': '4',
  'elk.spacing.labelNode': '6',
  'elk.padding': '[top=16,left=16,bottom=16,right=16]',
  'elk.layered.thoroughness': '40',
};

type Pt = [number, number];

/**
 * Moves an end of the route from the box's border onto the drawn outline: a decision's pointed
 * ends and the rounded corners of start and end boxes lie inside their box.
 */
function onOutline(n: LaidOutNode, [x, y]: Pt): Pt {
  const cx = n.x + n.width / 2;
  const cy = n.y + n.height / 2;
  const onSide = Math.abs(x - n.x) < 0.5 || Math.abs(x - (n.x + n.width)) < 0.5;
  if (n.shape === 'decision' && onSide) {
    const inward = DECISION_INDENT * (1 - Math.abs(y - cy) / (n.height / 2));
    return [x < cx ? x + inward : x - inward, y];
  }
  if (n.shape === 'start' || n.shape === 'end' || n.shape === 'helper') {
    const r = END_RADIUS;
    const dx = Math.max(0, Math.abs(x - cx) - (n.width / 2 - r));
    const dy = Math.max(0, Math.abs(y - cy) - (n.height / 2 - r));
    if (dx > 0 && dy > 0) {
      // In a corner: slide along the route's own direction onto the arc.
      if (onSide) return [x + Math.sign(cx - x) * (r - Math.sqrt(Math.max(0, r * r - dy * dy))), y];
      return [x, y + Math.sign(cy - y) * (r - Math.sqrt(Math.max(0, r * r - dx * dx)))];
    }
  }
  return [x, y];
}

interface Elk {
  layout(graph: ElkNode): Promise<ElkNode>;
}
// elkjs is CommonJS: its constructor is the module itself (or its default, depending on the loader).
const ELK = ((elkBundled as unknown as { default?: unknown }).default ?? elkBundled) as new () => Elk;
let elk: Elk | undefined;

/** Lays a chart out with ELK's layered algorithm: orthogonal edges routed round the boxes, labels placed by ELK. */
export async function layoutChart(model: ChartModel, title: string): Promise<LaidOutChart> {
  elk ??= new ELK();
  const byId = new Map(model.nodes.map((n) => [n.id, n]));
  const sized = new Map(model.nodes.map((n) => [n.id, sizeOf(n)]));
  // A decision's branch to a result leaves from its side (a port on the east side) with its yes/no
  // by the decision, as in Microsoft's drawings; the question goes on down the spine.
  // One branch per side: the first to a result goes east, a second west, any more down.
  const sideOf = new Map<number, string>();
  const used = new Map<string, number>();
  model.edges.forEach((e, i) => {
    if (byId.get(e.from)?.shape !== 'decision' || !['end', 'helper'].includes(byId.get(e.to)?.shape ?? '')) return;
    const n = used.get(e.from) ?? 0;
    used.set(e.from, n + 1);
    if (n < 2) sideOf.set(i, n === 0 ? 'EAST' : 'WEST');
  });
  const sideways = (i: number) => sideOf.has(i);
  const graph: ElkNode = {
    id: model.machine,
    layoutOptions: OPTIONS,
    children: model.nodes.map((n) => {
      const ports = model.edges
        .map((e, i) => ({ e, i }))
        .filter(({ e, i }) => sideways(i) && e.from === n.id)
        .map(({ i }) => ({ id: `p${i}`, width: 1, height: 1, layoutOptions: { 'elk.port.side': sideOf.get(i)! } }));
      return { id: n.id, width: sized.get(n.id)!.width, height: sized.get(n.id)!.height, ...(ports.length ? { ports, layoutOptions: { 'elk.portConstraints': 'FIXED_SIDE' } } : {}) };
    }),
    edges: model.edges.map(
      (e, i): ElkExtendedEdge => ({
        id: `e${i}`,
        sources: [sideways(i) ? `p${i}` : e.from],
        targets: [e.to],
        layoutOptions: { 'elk.layered.priority.straightness': straightness(byId.get(e.to)), 'elk.layered.priority.direction': '1' },
        labels: e.label
          ? [{ id: `l${i}`, text: e.label, width: Math.ceil(textWidth(e.label, EDGE_FONT)) + 8, height: EDGE_FONT + 6,
              ...(sideways(i) ? { layoutOptions: { 'elk.edgeLabels.placement': 'TAIL' } } : {}) }]
          : [],
      }),
    ),
  };
  const out = await elk.layout(graph);
  const nodes: LaidOutNode[] = out.children!.map((c) => {
    const n = byId.get(c.id)!;
    return { id: n.id, label: n.label, shape: n.shape, x: c.x!, y: c.y!, width: c.width!, height: c.height!, lines: sized.get(n.id)!.lines };
  });
  const placed = new Map(nodes.map((n) => [n.id, n]));
  const edges: LaidOutEdge[] = out.edges!.map((oe, i) => {
    const e = model.edges[i]!;
    const s = oe.sections![0]!;
    const points: Pt[] = [[s.startPoint.x, s.startPoint.y], ...(s.bendPoints ?? []).map((p): Pt => [p.x, p.y]), [s.endPoint.x, s.endPoint.y]];
    points[0] = onOutline(placed.get(e.from)!, points[0]!);
    points[points.length - 1] = onOutline(placed.get(e.to)!, points.at(-1)!);
    const l = oe.labels?.[0];
    return {
      from: e.from,
      to: e.to,
      label: e.label,
      ...(e.extension ? { extension: e.extension } : {}),
      points,
      ...(l ? { labelBox: { x: l.x!, y: l.y!, width: l.width!, height: l.height! } } : {}),
    };
  });
  return clearLabels({ machine: model.machine, title, width: Math.ceil(out.width!), height: Math.ceil(out.height!), nodes, edges });
}

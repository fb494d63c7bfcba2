/**
 * Geometry checks of a drawn chart, in the chart's own coordinates: what a reader needs to read
 * every edge as the path it is. Used on the layouts (Node) and on what Chromium drew (the DOM).
 */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface GNode extends Box {
  id: string;
}
export interface GEdge {
  from: string;
  to: string;
  label: string;
  points: [number, number][];
  labelBox?: Box;
}
export interface GChart {
  machine: string;
  width: number;
  height: number;
  nodes: GNode[];
  edges: GEdge[];
}

type Seg = [[number, number], [number, number]];
const segments = (e: GEdge): Seg[] => e.points.slice(1).map((p, i) => [e.points[i]!, p]);
const name = (e: GEdge) => `${e.from}${e.label ? ` ${e.label}` : ''}→${e.to}`;

/** Does the segment cross the inside of the box (shrunk by `inset`)? */
function segmentInBox([[x1, y1], [x2, y2]]: Seg, b: Box, inset = 1): boolean {
  const l = b.x + inset, r = b.x + b.width - inset, t = b.y + inset, bt = b.y + b.height - inset;
  if (l >= r || t >= bt) return false;
  // Liang–Barsky clipping.
  let t0 = 0, t1 = 1;
  const dx = x2 - x1, dy = y2 - y1;
  for (const [p, q] of [[-dx, x1 - l], [dx, r - x1], [-dy, y1 - t], [dy, bt - y1]] as const) {
    if (p === 0) {
      if (q < 0) return false;
    } else {
      const u = q / p;
      if (p < 0) t0 = Math.max(t0, u);
      else t1 = Math.min(t1, u);
      if (t0 > t1) return false;
    }
  }
  return true;
}

/** Length of the stretch two axis-parallel segments share. */
function sharedLength(a: Seg, b: Seg): number {
  const av = Math.abs(a[0][0] - a[1][0]) < 0.5, bv = Math.abs(b[0][0] - b[1][0]) < 0.5;
  const ah = Math.abs(a[0][1] - a[1][1]) < 0.5, bh = Math.abs(b[0][1] - b[1][1]) < 0.5;
  if (av && bv && Math.abs(a[0][0] - b[0][0]) < 1) {
    const lo = Math.max(Math.min(a[0][1], a[1][1]), Math.min(b[0][1], b[1][1]));
    const hi = Math.min(Math.max(a[0][1], a[1][1]), Math.max(b[0][1], b[1][1]));
    return hi - lo;
  }
  if (ah && bh && Math.abs(a[0][1] - b[0][1]) < 1) {
    const lo = Math.max(Math.min(a[0][0], a[1][0]), Math.min(b[0][0], b[1][0]));
    const hi = Math.min(Math.max(a[0][0], a[1][0]), Math.max(b[0][0], b[1][0]));
    return hi - lo;
  }
  return 0;
}

function distanceToSegment(b: Box, [[x1, y1], [x2, y2]]: Seg): number {
  // Axis-parallel segment against a box: gap along each axis.
  const sx0 = Math.min(x1, x2), sx1 = Math.max(x1, x2), sy0 = Math.min(y1, y2), sy1 = Math.max(y1, y2);
  const gx = Math.max(0, b.x - sx1, sx0 - (b.x + b.width));
  const gy = Math.max(0, b.y - sy1, sy0 - (b.y + b.height));
  return Math.hypot(gx, gy);
}

const overlap = (a: Box, b: Box, inset = 0.5) =>
  a.x + inset < b.x + b.width && b.x + inset < a.x + a.width && a.y + inset < b.y + b.height && b.y + inset < a.y + a.height;

/** Every problem found, one line each (empty: the chart reads right). */
export function chartProblems(c: GChart, options: { labelReach?: number } = {}): string[] {
  const reach = options.labelReach ?? 8;
  const problems: string[] = [];
  const byId = new Map(c.nodes.map((n) => [n.id, n]));
  for (const e of c.edges) {
    if (!byId.has(e.from) || !byId.has(e.to)) problems.push(`${c.machine}: ${name(e)} leads to a box not drawn`);
    if (e.points.length < 2) problems.push(`${c.machine}: ${name(e)} has no route`);
    for (const s of segments(e)) {
      for (const n of c.nodes) {
        if (n.id === e.from || n.id === e.to) continue;
        if (segmentInBox(s, n)) problems.push(`${c.machine}: ${name(e)} passes through ${n.id}`);
      }
    }
  }
  for (let i = 0; i < c.edges.length; i++) {
    for (let j = i + 1; j < c.edges.length; j++) {
      const a = c.edges[i]!, b = c.edges[j]!;
      if (a.to === b.to) continue;
      const shared = Math.max(0, ...segments(a).flatMap((s) => segments(b).map((t) => sharedLength(s, t))));
      if (shared > 1) problems.push(`${c.machine}: ${name(a)} and ${name(b)} share ${shared.toFixed(0)} px of line`);
    }
  }
  const labelled = c.edges.filter((e) => e.label);
  for (const e of labelled) {
    const b = e.labelBox;
    if (!b) {
      problems.push(`${c.machine}: ${name(e)} has no label drawn`);
      continue;
    }
    if (b.x < 0 || b.y < 0 || b.x + b.width > c.width + 0.5 || b.y + b.height > c.height + 0.5) problems.push(`${c.machine}: label of ${name(e)} is cut off`);
    for (const n of c.nodes) if (overlap(b, n)) problems.push(`${c.machine}: label of ${name(e)} lies on ${n.id}`);
    const own = Math.min(...segments(e).map((s) => distanceToSegment(b, s)));
    if (own > reach) problems.push(`${c.machine}: label of ${name(e)} is ${own.toFixed(1)} px from its edge`);
    for (const o of c.edges) {
      if (o === e) continue;
      const d = Math.min(...segments(o).map((s) => distanceToSegment(b, s)));
      if (d < 1) problems.push(`${c.machine}: label of ${name(e)} touches ${name(o)}`);
    }
    for (const o of labelled) if (o !== e && o.labelBox && overlap(b, o.labelBox)) problems.push(`${c.machine}: labels of ${name(e)} and ${name(o)} overlap`);
  }
  for (let i = 0; i < c.nodes.length; i++) for (let j = i + 1; j < c.nodes.length; j++) if (overlap(c.nodes[i]!, c.nodes[j]!)) problems.push(`${c.machine}: ${c.nodes[i]!.id} and ${c.nodes[j]!.id} overlap`);
  return problems;
}

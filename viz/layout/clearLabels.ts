import type { LaidOutChart, LaidOutEdge } from './types.js';

type Box = { x: number; y: number; width: number; height: number };
type Seg = [[number, number], [number, number]];

const segmentsOf = (e: LaidOutEdge): Seg[] => e.points.slice(1).map((p, i) => [e.points[i]!, p]);

/** Gap between a box and an axis-parallel segment (0 when they touch). */
function gap(b: Box, [[x1, y1], [x2, y2]]: Seg): number {
  const gx = Math.max(0, b.x - Math.max(x1, x2), Math.min(x1, x2) - (b.x + b.width));
  const gy = Math.max(0, b.y - Math.max(y1, y2), Math.min(y1, y2) - (b.y + b.height));
  return Math.hypot(gx, gy);
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * ELK places labels well, but a label of a back edge can end up on another edge's line. Such a
 * label moves along its own edge, to the first spot (either side, 4 px off) that is clear of every
 * box, every other edge and every other label, inside the drawing.
 */
export function clearLabels(chart: LaidOutChart): LaidOutChart {
  const labelled = chart.edges.filter((e) => e.labelBox);
  const clear = (e: LaidOutEdge, b: Box) =>
    b.x >= 0 && b.y >= 0 && b.x + b.width <= chart.width && b.y + b.height <= chart.height &&
    chart.nodes.every((n) => !overlaps(b, n)) &&
    chart.edges.every((o) => o === e || segmentsOf(o).every((s) => gap(b, s) >= 2)) &&
    labelled.every((o) => o === e || !overlaps(b, o.labelBox!));
  for (const e of labelled) {
    const b = e.labelBox!;
    if (clear(e, b)) continue;
    const spots = segmentsOf(e).flatMap(([[x1, y1], [x2, y2]]) =>
      [0.5, 0.3, 0.7, 0.15, 0.85].flatMap((t) => {
        const x = x1 + (x2 - x1) * t;
        const y = y1 + (y2 - y1) * t;
        return x1 === x2
          ? [{ ...b, x: x + 4, y: y - b.height / 2 }, { ...b, x: x - 4 - b.width, y: y - b.height / 2 }]
          : [{ ...b, x: x - b.width / 2, y: y - 4 - b.height }, { ...b, x: x - b.width / 2, y: y + 4 }];
      }),
    );
    const spot = spots.find((s) => clear(e, s));
    if (spot) e.labelBox = spot;
  }
  return chart;
}

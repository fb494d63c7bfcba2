import { flowchartEdges } from './flowchart.js';
import { MACHINES_BY_NAME } from './machines.js';

let labels: Map<string, string> | undefined;

/** The drawing's label ('yes' / 'no') of the edge from node `from` to node `to`, if it has one (any machine). */
export function edgeLabel(from: string, to: string): string | undefined {
  labels ??= new Map(
    Object.values(MACHINES_BY_NAME)
      .flatMap((m) => flowchartEdges(m))
      .filter((e) => e.label)
      .map((e) => [`${e.from}>${e.to}`, e.label]),
  );
  return labels.get(`${from}>${to}`);
}

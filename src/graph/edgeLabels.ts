import { messageServiceMachine } from '../../machines/messageService.js';
import { providerLogonMachine } from '../../machines/providerLogon.js';
import { sessionLogonMachine } from '../../machines/sessionLogon.js';
import { flowchartEdges } from './flowchart.js';

let labels: Map<string, string> | undefined;

/** The drawing's label ('yes' / 'no') of the edge from node `from` to node `to`, if it has one. */
export function edgeLabel(from: string, to: string): string | undefined {
  labels ??= new Map(
    [sessionLogonMachine, messageServiceMachine, providerLogonMachine]
      .flatMap((m) => flowchartEdges(m))
      .filter((e) => e.label)
      .map((e) => [`${e.from}>${e.to}`, e.label]),
  );
  return labels.get(`${from}>${to}`);
}

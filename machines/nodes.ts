/**
 * The flowchart nodes (docs/spec.md sections 2-4 and 9): id, text and shape. Every state that stands for a node
 * carries `nodeMeta(id)` as its meta, so a drawing or a trace can be made from the machines alone.
 */
export type NodeShape = 'start' | 'decision' | 'step' | 'end';

export interface NodeInfo {
  id: string;
  label: string;
  shape: NodeShape;
  /** The HRESULT an end node returns. */
  returns?: string;
  /** The dialog a step shows. */
  dialog?: string;
}

const table: NodeInfo[] = [
  { id: 'A1', label: 'MAPI_NEW_SESSION set?', shape: 'start' },
  { id: 'A2', label: 'Shared session exists?', shape: 'decision' },
  { id: 'A3', label: 'Return shared session', shape: 'end', returns: 'S_OK' },
  { id: 'A4', label: 'Profile name NULL?', shape: 'decision' },
  { id: 'A5', label: 'Use specified name for profile', shape: 'step' },
  { id: 'A6', label: 'MAPI_USE_DEFAULT set?', shape: 'decision' },
  { id: 'A7', label: 'Use default name for profile', shape: 'step' },
  { id: 'A8', label: 'MAPI_LOGON_UI set?', shape: 'decision' },
  { id: 'A9', label: 'Prompt user (profile picker)', shape: 'step', dialog: 'profilePicker' },
  { id: 'A10', label: 'Return error', shape: 'end', returns: 'MAPI_E_LOGON_FAILED' },
  { id: 'A11', label: 'Can supplied credentials validate profile?', shape: 'decision' },
  { id: 'A12', label: 'Return session', shape: 'end', returns: 'S_OK' },
  { id: 'A13', label: 'MAPI_PASSWORD_UI set?', shape: 'decision' },
  { id: 'A14', label: 'Prompt user (password)', shape: 'step', dialog: 'password' },
  { id: 'A15', label: 'Return error', shape: 'end', returns: 'MAPI_E_LOGON_FAILED' },

  { id: 'B1', label: "MAPI calls the provider object's logon method", shape: 'start' },
  { id: 'B2', label: 'Are configuration properties stored in the profile?', shape: 'decision' },
  { id: 'B3', label: 'Call OpenProfileSection', shape: 'step' },
  { id: 'B4', label: 'Is the service provider configured?', shape: 'decision' },
  { id: 'B5', label: 'S_OK', shape: 'end', returns: 'S_OK' },
  { id: 'B6', label: 'Can a dialog box be displayed?', shape: 'decision' },
  { id: 'B7', label: 'MAPI_E_UNCONFIGURED', shape: 'end', returns: 'MAPI_E_UNCONFIGURED' },
  { id: 'B8', label: 'Prompt user for more information', shape: 'step', dialog: 'providerConfig' },
  { id: 'B9', label: 'Is the service provider configured?', shape: 'decision' },
  { id: 'B10', label: 'S_OK', shape: 'end', returns: 'S_OK' },
  { id: 'B11', label: 'Did the user cancel the dialog box?', shape: 'decision' },
  { id: 'B12', label: 'MAPI_E_UNCONFIGURED', shape: 'end', returns: 'MAPI_E_UNCONFIGURED' },
  { id: 'B13', label: 'Did the user cancel the dialog box intentionally?', shape: 'decision' },
  { id: 'B14', label: 'MAPI_E_USER_CANCEL', shape: 'end', returns: 'MAPI_E_USER_CANCEL' },

  { id: 'C1', label: 'MAPI_SERVICE_UI_ALWAYS set?', shape: 'start' },
  { id: 'C2', label: "Show the service's configuration dialog", shape: 'step', dialog: 'serviceConfig' },
  { id: 'C3', label: 'Log on the next provider', shape: 'step' },
  { id: 'C4', label: 'MAPI_E_UNCONFIGURED: configure the service, then retry the provider', shape: 'step', dialog: 'serviceConfig' },
  { id: 'C5', label: 'MAPI_E_FAILONEPROVIDER: skip the provider', shape: 'step' },
  { id: 'C6', label: 'First failure: inform the user, offer a retry', shape: 'step', dialog: 'retry' },
  { id: 'C7', label: 'Second failure or retry declined: disable the service', shape: 'end' },
  { id: 'C8', label: 'Service ready', shape: 'end' },

  { id: 'D1', label: 'Session live', shape: 'start' },
  { id: 'D2', label: 'Spooler start: the transports log on', shape: 'step' },
  { id: 'D3', label: 'QueryIdentity', shape: 'step' },
  { id: 'D4', label: 'Logoff: every logged-on provider logs off', shape: 'step' },
  { id: 'D5', label: 'Ended', shape: 'end', returns: 'MAPI_E_INVALID_OBJECT' },
];

export const NODES: Readonly<Record<string, NodeInfo>> = Object.fromEntries(table.map((n) => [n.id, n]));

/** The meta of a state that stands for a flowchart node. */
export function nodeMeta(id: string): { node: string; label: string; shape: NodeShape } {
  const info = NODES[id];
  if (!info) throw new Error(`no flowchart node ${id}`);
  return { node: id, label: info.label, shape: info.shape };
}

/** The entry action that records a visit of the node (a run's `path`). */
export function visit(node: string) {
  return { type: 'visit', params: { node } } as const;
}

/** What every machine's `visit` action assigns: the node id appended to the run's `path`. */
export const appendVisit = (path: readonly string[], node: string) => ({ path: [...path, node] });

/** A transition between flowchart nodes, as read from a machine definition. */
export interface FlowEdge {
  /** The node id of the source state (or of its nearest ancestor that is a node). */
  from: string;
  /** The target node id; for a state that is no node, `state:<key>`. */
  to: string;
  /** The drawing's label: 'yes', 'no' or ''. */
  label: string;
  /** The rule that adds an edge the drawing does not have (SPEC's extension edges). */
  extension?: string;
  /** A state the edge passes through on its way (e.g. A-R5's message services before A12). */
  via?: string;
  /** The edge is drawn in the reference flowchart. */
  drawn: boolean;
}

export interface FlowNode {
  id: string;
  label: string;
  shape: string;
  /** The state's id in the machine (`sessionLogon.A9`). */
  stateId: string;
}

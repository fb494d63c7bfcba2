/** A chart laid out: what the page draws, in CSS px at zoom 1. Computed at build time. */
export interface LaidOutNode {
  id: string;
  label: string;
  shape: string;
  /** Top-left corner and size of the box. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** The label broken into the lines drawn. */
  lines: string[];
}

export interface LaidOutEdge {
  from: string;
  to: string;
  label: string;
  extension?: string;
  /** The orthogonal polyline from the source's outline to the target's (arrowhead at the end). */
  points: [number, number][];
  /** Where ELK placed the label (absent for an unlabelled edge). */
  labelBox?: { x: number; y: number; width: number; height: number };
}

export interface LaidOutChart {
  machine: string;
  title: string;
  width: number;
  height: number;
  nodes: LaidOutNode[];
  edges: LaidOutEdge[];
}

/** Font sizes the layout measured with; the stylesheet uses the same. */
export const NODE_FONT = 14;
export const LINE_HEIGHT = 18;
export const EDGE_FONT = 14;
/** How far a decision's pointed ends reach in from its box. */
export const DECISION_INDENT = 16;
/** Corner radius of start and end boxes. */
export const END_RADIUS = 12;

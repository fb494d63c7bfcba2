import type { AnyStateMachine, AnyStateNode } from 'xstate';

type Meta = { node?: string; label?: string; extension?: string; edge?: string };

const safeId = (s: AnyStateNode) => s.id.replace(/[^A-Za-z0-9_]/g, '_');
const text = (s: string) => s.replace(/["\\]/g, "'").replace(/[:;{}<>|]/g, ' ').replace(/\s+/g, ' ').trim();

function stateLabel(s: AnyStateNode): string {
  const meta = (s.meta ?? {}) as Meta;
  if (meta.node) return `${meta.node}: ${meta.label ?? ''}`;
  return meta.label ? `${s.key} (${meta.label})` : s.key;
}

/** A transition's label: the drawing's yes/no, else the event that takes it (shortened). */
function transitionLabel(eventType: string, meta: Meta): string {
  const base = meta.edge || eventType.replace(/^xstate\.done\.actor\./, 'done ').replace(/^xstate\.error\.actor\./, 'error ');
  return meta.extension ? `${base} [${meta.extension}]`.trim() : base;
}

interface Edge {
  from: AnyStateNode;
  to: AnyStateNode;
  label: string;
  dashed: boolean;
}

function edgesOf(s: AnyStateNode): Edge[] {
  const out: Edge[] = [];
  const seen = new Set<string>();
  for (const list of [...s.transitions.values(), s.always ?? []]) {
    for (const t of list) {
      const meta = (t.meta ?? {}) as Meta;
      for (const to of t.target ?? []) {
        const label = transitionLabel(t.eventType, meta);
        const key = `${to.id}|${label}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ from: s, to, label, dashed: Boolean(meta.extension) });
      }
    }
  }
  return out;
}

const children = (s: AnyStateNode) => Object.values(s.states) as AnyStateNode[];

/** A Mermaid `stateDiagram-v2` of every state and transition of the machine. */
export function toMermaid(machine: AnyStateMachine): string {
  const lines = ['stateDiagram-v2', '  direction TB'];
  const edges: Edge[] = [];
  const walk = (s: AnyStateNode, indent: string) => {
    for (const c of children(s)) {
      lines.push(`${indent}state "${text(stateLabel(c))}" as ${safeId(c)}`);
      edges.push(...edgesOf(c));
      if (children(c).length) {
        lines.push(`${indent}state ${safeId(c)} {`);
        lines.push(`${indent}  [*] --> ${safeId(c.states[c.config.initial as string]!)}`);
        walk(c, indent + '  ');
        lines.push(`${indent}}`);
      }
      if (c.type === 'final') lines.push(`${indent}${safeId(c)} --> [*]`);
    }
  };
  lines.push(`  [*] --> ${safeId(machine.root.states[machine.root.config.initial as string]!)}`);
  walk(machine.root, '  ');
  for (const e of edges) lines.push(`  ${safeId(e.from)} --> ${safeId(e.to)}${e.label ? `: ${text(e.label)}` : ''}`);
  return lines.join('\n') + '\n';
}

/** A Graphviz `digraph` of every state and transition; compound states are clusters, extension edges dashed. */
export function toDot(machine: AnyStateMachine): string {
  const lines = [`digraph ${JSON.stringify(machine.id)} {`, '  rankdir=TB;', '  node [fontname="Helvetica", fontsize=10];', '  edge [fontname="Helvetica", fontsize=9];'];
  const edges: Edge[] = [];
  const shape = (s: AnyStateNode) => {
    const meta = (s.meta ?? {}) as Meta & { shape?: string };
    if (meta.shape === 'decision') return 'diamond';
    if (meta.shape === 'step') return 'box';
    if (meta.shape) return 'box, style="rounded"';
    return 'box, style="rounded,dashed"';
  };
  const walk = (s: AnyStateNode, indent: string) => {
    for (const c of children(s)) {
      edges.push(...edgesOf(c));
      if (children(c).length) {
        lines.push(`${indent}subgraph cluster_${safeId(c)} {`, `${indent}  label=${JSON.stringify(stateLabel(c))};`);
        lines.push(`${indent}  ${safeId(c)} [label=${JSON.stringify(stateLabel(c))}, shape=${shape(c)}];`);
        walk(c, indent + '  ');
        lines.push(`${indent}}`);
      } else {
        lines.push(`${indent}${safeId(c)} [label=${JSON.stringify(stateLabel(c))}, shape=${shape(c)}${c.type === 'final' ? ', peripheries=2' : ''}];`);
      }
    }
  };
  walk(machine.root, '  ');
  for (const e of edges) {
    lines.push(`  ${safeId(e.from)} -> ${safeId(e.to)}${e.label || e.dashed ? ` [${[e.label ? `label=${JSON.stringify(e.label)}` : '', e.dashed ? 'style=dashed' : ''].filter(Boolean).join(', ')}]` : ''};`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}

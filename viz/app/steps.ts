import type { LaidOutChart } from '../layout/types.js';
import type { PanelState } from './charts.js';
import type { Step } from './timeline.js';

/**
 * The call whose charts a step shows: its own; for a call that is no logon and drew nothing yet
 * (a status table, a logoff, the end of the run), the last one that did. A logon always shows its
 * own, even empty (a logon refused before A1).
 */
export function shownCall(steps: Step[], index: number): number {
  const drawn = (i: number) => ['node', 'dialog', 'answer'].includes(steps[i]!.type);
  const call = steps[index]?.call ?? -1;
  if (steps.some((s) => s.type === 'call' && s.call === call && s.op === 'logon')) return call;
  for (let i = index; i >= 0; i--) if (drawn(i) && (steps[i]!.call === call || steps[i]!.call < call)) return steps[i]!.call;
  return call;
}

/** What each chart shows after step `index`: per machine, the latest actor of the call shown. */
export function panelStates(charts: LaidOutChart[], steps: Step[], index: number): Map<string, PanelState | null> {
  const out = new Map<string, PanelState | null>(charts.map((c) => [c.machine, null]));
  const call = shownCall(steps, index);
  // The provider's answer box, where the chart has one; a run that ended at a result node with
  // no way on (B7, B12, B14 answer by themselves) stays there.
  const answered = new Map(charts.map((c) => [c.machine, c.nodes.some((n) => n.id === 'state:answered')]));
  const goesOn = new Map(charts.map((c) => [c.machine, new Set(c.edges.map((e) => e.from))]));
  const actors = new Map<string, PanelState>();
  // A call shown from an earlier step is shown whole; the current call up to this step.
  let end = index;
  if (steps[index]?.call !== call) while (end > 0 && steps[end]!.call !== call) end--;
  for (let i = 0; i <= end; i++) {
    const s = steps[i]!;
    if (s.call !== call || s.type === 'call' || s.type === 'result') continue;
    // One run per thing the chart follows (a service across its phases' actors, one provider attempt).
    let st = actors.get(`${s.machine}|${s.who}`);
    if (!st) actors.set(`${s.machine}|${s.who}`, (st = { who: s.who, visited: [], current: null }));
    if (s.type === 'node') {
      st.visited.push(s.node);
      st.current = s.node;
    }
    if (s.type === 'answer') {
      st.answer = s.hr;
      st.who = `${s.who} — answered ${s.hr}`;
      if (answered.get(s.machine) && st.current && goesOn.get(s.machine)?.has(st.current)) st.current = 'state:answered';
    }
    out.set(s.machine, st);
  }
  return out;
}

export function stepText(s: Step): string {
  switch (s.type) {
    case 'call':
      return `Call ${s.call + 1}: ${s.text}`;
    case 'node':
      return `${s.who}: ${s.node}`;
    case 'dialog':
      return `${s.who}: dialog ${s.dialog} → answered "${s.answer}"`;
    case 'answer':
      return `${s.who}: the provider answers ${s.hr}`;
    case 'result':
      return `Call ${s.call + 1} returns ${s.result.hr}`;
  }
}

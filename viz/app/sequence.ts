import { h } from './dom.js';
import type { Step } from './timeline.js';

const LANES = ['app', 'session', 'spooler', 'services', 'providers', 'dialogs'] as const;
type Lane = (typeof LANES)[number];

/** The lane a machine's actor stands in: the session's (A, D), a service's (C), a provider's (B). */
const laneOf = (machine: string): Lane => (machine === 'messageService' ? 'services' : machine === 'providerLogon' ? 'providers' : 'session');

interface Arrow {
  step: number;
  from: Lane;
  to: Lane;
  text: string;
}

/**
 * The run as a sequence diagram: a lane each for the app, the session, the spooler, the message
 * services, the providers and the dialogs; each call and each answer an arrow, in the order they
 * happened. Arrows are read from the same steps the charts play.
 */
export function arrowsOf(steps: Step[]): Arrow[] {
  const arrows: Arrow[] = [];
  const started = new Set<string>();
  let spooling = false;
  steps.forEach((s, step) => {
    if (s.type === 'call') {
      spooling = false;
      arrows.push({ step, from: 'app', to: 'session', text: s.text });
    } else if (s.type === 'result') arrows.push({ step, from: 'session', to: 'app', text: `returns ${s.result.hr}` });
    else if (s.type === 'node') {
      // The live session's D2 is the spooler starting the transports (SPEC section 9).
      if (s.node === 'D2') {
        spooling = true;
        arrows.push({ step, from: 'session', to: 'spooler', text: 'D2: start the transports' });
      }
      if (started.has(s.actor)) return;
      started.add(s.actor);
      if (s.machine === 'messageService') arrows.push({ step, from: spooling ? 'spooler' : 'session', to: 'services', text: s.who });
      if (s.machine === 'providerLogon') arrows.push({ step, from: 'services', to: 'providers', text: `Logon: ${s.who}` });
    } else if (s.type === 'dialog') {
      arrows.push({ step, from: laneOf(s.machine), to: 'dialogs', text: `${s.dialog} dialog` });
      arrows.push({ step, from: 'dialogs', to: laneOf(s.machine), text: `"${s.answer}"` });
    } else if (s.type === 'answer') arrows.push({ step, from: 'providers', to: 'services', text: `${s.provider}: ${s.hr}` });
  });
  return arrows;
}

export function sequenceView(steps: Step[]): HTMLElement {
  const col = (lane: Lane) => LANES.indexOf(lane) + 1;
  const rows = arrowsOf(steps).map((a) => {
    const [lo, hi] = [Math.min(col(a.from), col(a.to)), Math.max(col(a.from), col(a.to))];
    const arrow = h('div', { class: `arrow ${col(a.to) > col(a.from) ? 'right' : 'left'}`, title: `step ${a.step + 1}` }, h('span', {}, a.text));
    arrow.style.gridColumn = `${lo} / ${hi + 1}`;
    // From the middle of one lane to the middle of the other.
    arrow.style.marginInline = `calc(100% / ${2 * (hi - lo + 1)})`;
    return h('li', { 'data-seq-step': a.step, 'data-from': a.from, 'data-to': a.to }, arrow);
  });
  return h('div', { class: 'seq' },
    h('h2', {}, 'Sequence: each call and answer, in time'),
    h('div', { class: 'seq-lanes' }, ...LANES.map((l) => h('div', { class: 'lane' }, l))),
    h('ol', { class: 'seq-rows' }, ...rows));
}

/** Marks the arrows up to this step (the last one as now) and scrolls the list, not the page, to it. */
export function showSequence(root: HTMLElement, index: number): void {
  const rows = [...root.querySelectorAll<HTMLElement>('[data-seq-step]')];
  const now = rows.filter((r) => Number(r.dataset.seqStep) <= index).at(-1);
  for (const r of rows) {
    r.classList.toggle('future', Number(r.dataset.seqStep) > index);
    r.classList.toggle('now', r === now);
  }
  const list = root.querySelector<HTMLElement>('.seq-rows');
  // The list is the rows' offsetParent (position: relative): offsetTop is within it.
  if (list && now) list.scrollTop = Math.max(0, now.offsetTop - list.clientHeight / 2);
}

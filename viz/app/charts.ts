import type { LaidOutChart } from '../layout/types.js';
import { chartSvg } from './chartSvg.js';
import { h, replace } from './dom.js';

/** What one chart shows: whose run, which nodes it visited, where it is now, and an answer to show. */
export interface PanelState {
  who: string;
  visited: string[];
  current: string | null;
  /** The HRESULT the provider answered (drawn beside its answer box). */
  answer?: string;
}

const MIN_ZOOM = 0.5;
const MAX_ZOOM = 4;

/**
 * The charts as tabs: the one in focus fills the width of its area (never below 0.9 of its own size,
 * so node text stays ≥ 12.6 CSS px: the drawing is in CSS px and follows browser zoom), the others a
 * tab away, each tab naming where its machine stands. The user zooms (buttons, Ctrl+wheel) and pans
 * (drag, scroll); a step scrolls the current node into view.
 */
export class ChartTabs {
  readonly element: HTMLElement;
  private readonly tabs = new Map<string, HTMLButtonElement>();
  private readonly panels = new Map<string, { panel: HTMLElement; view: HTMLElement; svg: SVGSVGElement; chart: LaidOutChart; who: HTMLElement }>();
  private focused: string;
  private zoom = 1;

  constructor(readonly charts: LaidOutChart[]) {
    const tablist = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'flowcharts' });
    const zoomBar = h('div', { class: 'zoom' },
      h('button', { type: 'button', 'data-zoom-out': true, title: 'zoom out (−)', 'aria-label': 'zoom out' }, '−'),
      h('button', { type: 'button', 'data-zoom-fit': true, title: 'fit the width', 'aria-label': 'fit the width' }, 'Fit'),
      h('button', { type: 'button', 'data-zoom-in': true, title: 'zoom in (+)', 'aria-label': 'zoom in' }, '+'));
    const area = h('div', { class: 'chart-area' }, zoomBar);
    this.element = h('section', { class: 'charts', 'data-panels': true }, h('div', { class: 'tabbar' }, tablist), area);
    for (const chart of charts) {
      const tab = h('button', { type: 'button', role: 'tab', id: `tab-${chart.machine}`, 'aria-controls': `panel-${chart.machine}`, 'data-tab': chart.machine },
        h('span', { class: 'tab-title' }, chart.title), h('span', { class: 'tab-at', 'data-tab-at': true }));
      tab.addEventListener('click', () => this.focus(chart.machine));
      tablist.append(tab);
      this.tabs.set(chart.machine, tab);
      const svg = chartSvg(chart);
      const who = h('div', { class: 'who', 'data-who': true });
      const view = h('div', { class: 'chart', 'data-chart': chart.machine }, svg);
      const panel = h('section', { class: 'panel', role: 'tabpanel', id: `panel-${chart.machine}`, 'aria-labelledby': `tab-${chart.machine}`, 'data-panel': chart.machine }, who, view);
      area.append(panel);
      this.panels.set(chart.machine, { panel, view, svg, chart, who });
      this.pannable(view);
    }
    zoomBar.querySelector('[data-zoom-in]')!.addEventListener('click', () => this.setZoom(this.zoom * 1.25));
    zoomBar.querySelector('[data-zoom-out]')!.addEventListener('click', () => this.setZoom(this.zoom / 1.25));
    zoomBar.querySelector('[data-zoom-fit]')!.addEventListener('click', () => this.setZoom(1));
    this.focused = charts[0]?.machine ?? '';
    this.focus(this.focused);
    new ResizeObserver(() => this.scale()).observe(area);
    window.addEventListener('resize', () => this.scale());
  }

  get current(): string {
    return this.focused;
  }

  /** A chart's drawing (the coverage view shades it). */
  svgOf(machine: string): SVGSVGElement | undefined {
    return this.panels.get(machine)?.svg;
  }

  /** The line above a chart and the note on its tab, for views that are not a run (coverage). */
  caption(machine: string, who: string, tabNote: string): void {
    const p = this.panels.get(machine);
    if (!p) return;
    p.who.textContent = who;
    replace(this.tabs.get(machine)!.querySelector('[data-tab-at]')!, tabNote);
  }

  /** Shows one chart; the others stay in the page (hidden), still marked. */
  focus(machine: string): void {
    if (!this.panels.has(machine)) return;
    this.focused = machine;
    for (const [name, p] of this.panels) {
      p.panel.hidden = name !== machine;
      const tab = this.tabs.get(name)!;
      tab.setAttribute('aria-selected', String(name === machine));
      // Every tab is a Tab stop: ←/→ step the run here, so they cannot move between tabs.
      tab.tabIndex = 0;
    }
    this.element.dataset.focus = machine;
    this.scale();
    this.revealCurrent();
  }

  private revealCurrent(): void {
    const p = this.panels.get(this.focused);
    const current = p?.svg.getAttribute('data-current');
    if (!p || !current) return;
    const node = p.svg.querySelector(`g.node[data-node="${CSS.escape(current)}"]`);
    if (node) this.reveal(p.view, node);
  }

  private setZoom(z: number): void {
    this.zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, z));
    this.element.dataset.zoom = this.zoom.toFixed(2);
    this.scale();
  }

  /** Width-filling scale × the user's zoom; never below 0.9 before zooming, so text stays legible. */
  private scale(): void {
    const p = this.panels.get(this.focused);
    if (!p) return;
    const room = p.view.clientWidth - 2;
    // Between 0.9 (node text 12.6 px) and 1.25 of the drawing's own size.
    const fit = room > 0 ? Math.min(1.25, Math.max(0.9, room / p.chart.width)) : 1;
    const k = fit * this.zoom;
    p.svg.style.width = `${p.chart.width * k}px`;
    p.svg.style.height = `${p.chart.height * k}px`;
    // The chart ends at the window's bottom (when the page is at its top): one screen, no page scroll to find it.
    p.view.style.maxHeight = `${Math.max(320, window.innerHeight - (p.view.getBoundingClientRect().top + window.scrollY) - 12)}px`;
  }

  /** Drag to pan; Ctrl+wheel to zoom. */
  private pannable(view: HTMLElement): void {
    let drag: { x: number; y: number; left: number; top: number } | null = null;
    view.addEventListener('pointerdown', (e) => {
      if (e.button !== 0) return;
      drag = { x: e.clientX, y: e.clientY, left: view.scrollLeft, top: view.scrollTop };
      view.classList.add('dragging');
    });
    view.addEventListener('pointermove', (e) => {
      if (!drag) return;
      view.scrollLeft = drag.left - (e.clientX - drag.x);
      view.scrollTop = drag.top - (e.clientY - drag.y);
    });
    const end = () => {
      drag = null;
      view.classList.remove('dragging');
    };
    view.addEventListener('pointerup', end);
    view.addEventListener('pointerleave', end);
    view.addEventListener('wheel', (e) => {
      if (!e.ctrlKey) return;
      e.preventDefault();
      this.setZoom(this.zoom * (e.deltaY < 0 ? 1.1 : 1 / 1.1));
    }, { passive: false });
  }

  /** Scrolls the chart (not the page) so the node is in view, with some room round it. */
  private reveal(view: HTMLElement, node: Element): void {
    // The part of the chart the reader sees: its box, cut by the window.
    const box = view.getBoundingClientRect();
    const v = { top: Math.max(box.top, 0), bottom: Math.min(box.bottom, window.innerHeight), left: Math.max(box.left, 0), right: Math.min(box.right, window.innerWidth) };
    const n = node.getBoundingClientRect();
    const room = 40;
    if (n.top < v.top + room) view.scrollTop -= v.top + room - n.top;
    else if (n.bottom > v.bottom - room) view.scrollTop += n.bottom - (v.bottom - room);
    if (n.left < v.left + room) view.scrollLeft -= v.left + room - n.left;
    else if (n.right > v.right - room) view.scrollLeft += n.right - (v.right - room);
  }

  /** Marks the visited nodes and the edges taken, and the current node; `data-path` holds the visit order. */
  show(machine: string, state: PanelState | null): void {
    const p = this.panels.get(machine);
    if (!p) return;
    const { svg } = p;
    p.who.textContent = state?.who ?? 'not running at this step';
    svg.setAttribute('data-path', state?.visited.join(' ') ?? '');
    svg.setAttribute('data-current', state?.current ?? '');
    const visited = new Set(state?.visited ?? []);
    const v = state?.visited ?? [];
    const taken = new Set(v.slice(1).map((id, i) => `${v[i]}>${id}`));
    if (state?.current && v.length && state.current !== v.at(-1)) taken.add(`${v.at(-1)}>${state.current}`);
    svg.querySelectorAll<SVGGElement>('g.node').forEach((g) => {
      const id = g.dataset.node!;
      g.classList.toggle('visited', visited.has(id));
      g.classList.toggle('current', state?.current === id);
    });
    svg.querySelectorAll<SVGGElement>('g.edge-group').forEach((g) => {
      const on = taken.has(g.dataset.edge!);
      g.classList.toggle('taken', on);
      g.querySelector('path')!.setAttribute('marker-end', `url(#${machine}-arrow${on ? '-taken' : ''})`);
    });
    svg.querySelectorAll('g.edge-label').forEach((g) => g.classList.toggle('taken', taken.has((g as SVGGElement).dataset.edge!)));
    svg.setAttribute('data-answer', state?.answer ?? '');
    const tabAt = this.tabs.get(machine)!.querySelector('[data-tab-at]')!;
    replace(tabAt, state?.current ? ` — at ${state.current.replace(/^state:/, '')}` : '');
    if (machine === this.focused) this.revealCurrent();
  }
}

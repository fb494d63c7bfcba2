import type { AnyStateMachine } from 'xstate';
import { messageServiceMachine } from '../../machines/messageService.js';
import { providerLogonMachine } from '../../machines/providerLogon.js';
import { sessionLogonMachine } from '../../machines/sessionLogon.js';
import { MACHINE_TITLES } from '../layout.js';
import { flowchartSvg } from './flowchartSvg.js';
import type { MachineName } from './timeline.js';

export const MACHINES: Record<MachineName, AnyStateMachine> = {
  sessionLogon: sessionLogonMachine,
  messageService: messageServiceMachine,
  providerLogon: providerLogonMachine,
};

/** What one flowchart panel shows: whose run, which nodes it visited, where it is now. */
export interface PanelState {
  who: string;
  visited: string[];
  current: string | null;
}

/** The three flowcharts side by side, each in its own panel. */
export function renderPanels(root: HTMLElement): void {
  root.innerHTML = (Object.keys(MACHINES) as MachineName[])
    .map(
      (name) => `<section class="panel" data-panel="${name}">
  <h2>${MACHINE_TITLES[name]}</h2>
  <div class="who" data-who></div>
  <div class="chart">${flowchartSvg(name, MACHINES[name])}</div>
</section>`,
    )
    .join('');
}

/** Marks the visited nodes and the edges between them, and the current node; `data-path` holds the visit order. */
export function showPanel(root: HTMLElement, machine: MachineName, state: PanelState | null): void {
  const panel = root.querySelector<HTMLElement>(`[data-panel="${machine}"]`)!;
  const svg = panel.querySelector('svg')!;
  panel.querySelector('[data-who]')!.textContent = state?.who ?? '';
  svg.setAttribute('data-path', state?.visited.join(' ') ?? '');
  svg.setAttribute('data-current', state?.current ?? '');
  const visited = new Set(state?.visited ?? []);
  const taken = new Set((state?.visited ?? []).slice(1).map((id, i) => `${state!.visited[i]}>${id}`));
  svg.querySelectorAll<SVGGElement>('g.node').forEach((g) => {
    const id = g.dataset.node!;
    g.classList.toggle('visited', visited.has(id));
    g.classList.toggle('current', state?.current === id);
  });
  svg.querySelectorAll<SVGGElement>('g[data-edge]').forEach((g) => g.classList.toggle('taken', taken.has(g.dataset.edge!)));
}

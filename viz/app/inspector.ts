import { createBrowserReceiver } from '@statelyai/inspect';
import { renderPanels, showPanel, MACHINES } from './panels.js';
import type { MachineName } from './timeline.js';

interface LiveActor {
  sessionId: string;
  machine: MachineName;
  name: string;
  value: unknown;
  path: string[];
  status: string;
}

/** Stately's serialized inspection events, as they arrive by postMessage. */
interface StatelyEvent {
  type: string;
  sessionId: string;
  name?: string;
  definition?: string;
  snapshot?: { value?: unknown; status?: string; context?: { path?: string[]; name?: string; provider?: { name: string }; attempt?: number } };
}

/** The node a snapshot stands in: its state value's first key when that is a node, else the last visited. */
function currentNode(value: unknown, path: string[]): string | null {
  const key = typeof value === 'string' ? value : value && typeof value === 'object' ? Object.keys(value)[0] : undefined;
  return key && /^[ABC]\d+$/.test(key) ? key : path.at(-1) ?? null;
}

/**
 * The viewer as an inspector: an app that creates its actors with
 * `createBrowserInspector({ url: '<viewer>/inspect' })` shows its live session, service and
 * provider actors on our flowcharts, offline. The receiver starts at once (this runs on `load`):
 * the first events, with the machine definitions, arrive as soon as it says it is connected.
 */
export function startInspector(root: HTMLElement): void {
  const actors = new Map<string, LiveActor>();
  const order: string[] = [];
  const receiver = createBrowserReceiver();
  root.innerHTML = `
<header><h1>MAPI logon inspector</h1><span data-status>waiting for an app (createBrowserInspector({ url: '${location.origin}/inspect' }))</span></header>
<section class="actors"><h2>Actors</h2><ul data-actors></ul></section>
<main class="panels" data-panels></main>`;
  const panels = root.querySelector<HTMLElement>('[data-panels]')!;
  renderPanels(panels);
  const selected: Partial<Record<MachineName, string>> = {};

  const render = () => {
    root.querySelector('[data-actors]')!.innerHTML = order
      .map((id) => actors.get(id)!)
      .map((a) => `<li data-actor="${a.sessionId}" data-machine="${a.machine}" data-node="${currentNode(a.value, a.path) ?? ''}">${a.machine}: ${a.name} — ${a.status} at ${currentNode(a.value, a.path) ?? '…'}</li>`)
      .join('');
    (Object.keys(MACHINES) as MachineName[]).forEach((m) => {
      const id = selected[m] ?? [...order].reverse().find((x) => actors.get(x)!.machine === m);
      const a = id ? actors.get(id) : undefined;
      showPanel(panels, m, a ? { who: a.name, visited: a.path, current: currentNode(a.value, a.path) } : null);
    });
  };

  root.querySelector('[data-actors]')!.addEventListener('click', (e) => {
    const li = (e.target as HTMLElement).closest<HTMLElement>('[data-actor]');
    if (li) {
      selected[li.dataset.machine as MachineName] = li.dataset.actor!;
      render();
    }
  });

  receiver.subscribe((raw) => {
    const ev = raw as unknown as StatelyEvent;
    root.querySelector('[data-status]')!.textContent = 'connected';
    if (ev.type === '@xstate.actor') {
      let id: string | undefined;
      try {
        id = JSON.parse(ev.definition ?? '{}').id;
      } catch {
        id = undefined;
      }
      if (!id || !(id in MACHINES)) return;
      if (!actors.has(ev.sessionId)) order.push(ev.sessionId);
      actors.set(ev.sessionId, { sessionId: ev.sessionId, machine: id as MachineName, name: ev.name ?? id, value: ev.snapshot?.value, path: ev.snapshot?.context?.path ?? [], status: ev.snapshot?.status ?? 'active' });
    } else if (ev.type === '@xstate.snapshot') {
      const a = actors.get(ev.sessionId);
      if (!a || !ev.snapshot) return;
      const c = ev.snapshot.context;
      a.value = ev.snapshot.value;
      a.path = c?.path ?? a.path;
      a.status = ev.snapshot.status ?? a.status;
      if (a.machine === 'messageService' && c?.name) a.name = `service "${c.name}"`;
      if (a.machine === 'providerLogon' && c?.provider) a.name = `provider "${c.provider.name}", attempt ${c.attempt}`;
    } else return;
    render();
  });
}

import type { LaidOutChart } from '../layout/types.js';
import { ChartTabs } from './charts.js';
import { h, replace } from './dom.js';
import { legend } from './legend.js';
import { receiveInspection } from './receiver.js';

interface LiveActor {
  sessionId: string;
  machine: string;
  name: string;
  value: unknown;
  path: string[];
  status: string;
}

const NODE_ID = /^[A-Z]\d+$/;

/** The node a snapshot stands in: its state value's first key when that is a node, else the last visited. */
function currentNode(value: unknown, path: string[]): string | null {
  const key = typeof value === 'string' ? value : value && typeof value === 'object' ? Object.keys(value)[0] : undefined;
  return key && NODE_ID.test(key) ? key : (path.at(-1) ?? null);
}

const text = (v: unknown, max = 80) => (typeof v === 'string' ? v.slice(0, max) : '');
const pathOf = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && NODE_ID.test(x)) : []);

/**
 * The viewer as an inspector: an app that creates its actors with
 * `createBrowserInspector({ url: '<viewer>/inspect' })` shows its live session, service and
 * provider actors on our charts, offline. Everything received is shown as text (textContent),
 * cut to a sane length; only node ids go into selectors and attributes.
 */
export function startInspector(root: HTMLElement, charts: LaidOutChart[]): void {
  const known = new Set(charts.map((c) => c.machine));
  const actors = new Map<string, LiveActor>();
  const order: string[] = [];
  const selected = new Map<string, string>();
  const status = h('span', { 'data-status': true }, `waiting for an app (createBrowserInspector({ url: '${location.origin}/inspect' }))`);
  const list = h('ul', { 'data-actors': true });
  const tabs = new ChartTabs(charts);
  replace(root,
    h('header', {}, h('h1', {}, 'MAPI logon inspector'), status),
    h('div', { class: 'layout' }, tabs.element, h('aside', { class: 'side-panel' }, h('section', { class: 'actors' }, h('h2', {}, 'Actors'), list), legend())));

  const render = () => {
    replace(list, ...order.map((id) => {
      const a = actors.get(id)!;
      const at = currentNode(a.value, a.path);
      const li = h('li', { 'data-actor': a.sessionId, 'data-machine': a.machine, 'data-node': at ?? '', tabindex: 0 }, `${a.machine}: ${a.name} — ${a.status} at ${at ?? '…'}`);
      const pick = () => {
        selected.set(a.machine, a.sessionId);
        tabs.focus(a.machine);
        render();
      };
      li.addEventListener('click', pick);
      li.addEventListener('keydown', (e) => e.key === 'Enter' && pick());
      return li;
    }));
    for (const m of known) {
      const id = selected.get(m) ?? [...order].reverse().find((x) => actors.get(x)!.machine === m);
      const a = id ? actors.get(id) : undefined;
      tabs.show(m, a ? { who: a.name, visited: a.path, current: currentNode(a.value, a.path) } : null);
    }
  };

  receiveInspection((ev) => {
    status.textContent = 'connected';
    const snapshot = ev.snapshot;
    const context = snapshot?.context ?? {};
    if (ev.type === '@xstate.actor') {
      let id: unknown;
      try {
        id = (JSON.parse(ev.definition ?? '{}') as { id?: unknown }).id;
      } catch {
        id = undefined;
      }
      if (typeof id !== 'string' || !known.has(id)) return;
      if (!actors.has(ev.sessionId)) order.push(ev.sessionId);
      actors.set(ev.sessionId, { sessionId: ev.sessionId, machine: id, name: text(ev.name) || id, value: snapshot?.value, path: pathOf(context.path), status: text(snapshot?.status) || 'active' });
    } else if (ev.type === '@xstate.snapshot') {
      const a = actors.get(ev.sessionId);
      if (!a || !snapshot) return;
      a.value = snapshot.value;
      if ('path' in context) a.path = pathOf(context.path);
      a.status = text(snapshot.status) || a.status;
      if (a.machine === 'messageService' && context.name) a.name = `service "${text(context.name)}"`;
      const provider = context.provider as { name?: unknown } | undefined;
      if (a.machine === 'providerLogon' && provider?.name) a.name = `provider "${text(provider.name)}", attempt ${Number(context.attempt) || 1}`;
    } else return;
    // Follow what moves, as the viewer does (a click on an actor or a tab looks elsewhere).
    const moved = actors.get(ev.sessionId);
    if (moved && !selected.has(moved.machine)) tabs.focus(moved.machine);
    render();
  });
}

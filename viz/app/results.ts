import type { CallResult, LogonCallResult, StatusTableCallResult } from '../../src/simulator/runScenario.js';
import { h, table } from './dom.js';
import type { Step } from './timeline.js';

const hrCell = (hr: string | null | undefined) => h('code', { class: !hr ? '' : hr === 'S_OK' || hr.startsWith('MAPI_W_') ? 'ok' : 'err' }, hr ?? '—');

/** The answers providers gave so far in a call, one row per attempt (the provider's own HRESULT). */
export function answersTable(steps: Step[]): HTMLElement | null {
  const answers = steps.filter((s): s is Extract<Step, { type: 'answer' }> => s.type === 'answer');
  if (!answers.length) return null;
  return table('Provider answers in this call', ['Provider', 'Service', 'Attempt', 'Answer'],
    answers.map((a) => [a.provider, a.service, String(a.attempt), hrCell(a.hr)]), { 'data-answers': true });
}

type Provider = LogonCallResult['services'][number]['providers'][number] & { hrs?: (string | null)[]; phase?: string | null };

/** A call's result as tables with headers: the call, its services, their providers, the status rows. */
export function resultTables(call: number, r: CallResult): HTMLElement {
  const out = h('div', { class: 'result-tables', 'data-result-call': call + 1 });
  const l = r as Partial<LogonCallResult> & CallResult;
  const rows: [string, Node | string][] = [['returns', hrCell(r.hr)]];
  if (r.client) rows.push(['client', r.client]);
  if ('session' in l) rows.push(['session', String(l.session ?? 'none') + (l.shared ? ' (shared)' : '')]);
  if ('profile' in l) rows.push(['profile', String(l.profile ?? 'none')]);
  if (l.path) rows.push(['path', h('code', { 'data-result-path': true }, l.path.join(' '))]);
  const extra = r as unknown as Record<string, unknown>;
  for (const key of ['spooler', 'ended', 'initCount', 'loggedOff', 'notified'] as const) {
    const v = extra[key];
    if (key in extra && v !== undefined) rows.push([key, Array.isArray(v) ? v.join(', ') || '—' : v === null ? '—' : String(v)]);
  }
  out.append(table(`Call ${call + 1}: ${r.op}`, ['Field', 'Value'], rows, { 'data-result': true }));
  if (l.services?.length) {
    out.append(table('Message services', ['Service', 'State', 'Failures', 'Path (C)'],
      l.services.map((s) => [s.name, h('span', { class: s.state }, s.state), String(s.failures), h('code', {}, s.path.join(' '))])));
    const providers = l.services.flatMap((s) => (s.providers as Provider[]).map((p) => ({ s, p })));
    out.append(table('Providers', ['Provider (kind, service)', 'State', 'Answers (each attempt)', 'Phase'],
      providers.map(({ s, p }) => [`${p.name} (${p.kind}, ${s.name})`, h('span', { class: p.state }, p.state),
        h('span', {}, ...(p.hrs ?? (p.hr ? [p.hr] : [null])).flatMap((hr, i) => [i ? ' → ' : '', hrCell(hr)])), p.phase ?? '—'])));
  }
  const st = r as StatusTableCallResult;
  if (r.op === 'statusTable' && st.rows) {
    out.append(table('Status table', ['Name', 'Kind', 'Status'], st.rows.map((row) => [row.name, row.kind, h('span', { class: row.status === 'STATUS_AVAILABLE' ? 'ok' : 'err' }, row.status)])));
  }
  return out;
}

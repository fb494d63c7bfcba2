import { createBrowserInspector } from '@statelyai/inspect';
import { ScenarioError } from '../../src/schema/parseScenario.js';
import { parseScenarioText } from '../../src/schema/parseScenario.js';
import type { LogonCallResult, StatusTableCallResult } from '../../src/simulator/runScenario.js';
import { MACHINES, renderPanels, showPanel, type PanelState } from './panels.js';
import { buildTimeline, type MachineName, type Step, type Timeline } from './timeline.js';

interface Example {
  name: string;
  description?: string;
  text: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** What the panels show after step `index`: per machine, the latest actor of the current call. */
function panelStates(steps: Step[], index: number): Record<MachineName, PanelState | null> {
  const out: Record<MachineName, PanelState | null> = { sessionLogon: null, messageService: null, providerLogon: null };
  const call = steps[index]?.call ?? -1;
  const actors = new Map<string, PanelState>();
  for (let i = 0; i <= index; i++) {
    const s = steps[i]!;
    if (s.call !== call || (s.type !== 'node' && s.type !== 'dialog')) continue;
    let st = actors.get(s.actor);
    if (!st) actors.set(s.actor, (st = { who: s.who, visited: [], current: null }));
    if (s.type === 'node') {
      st.visited.push(s.node);
      st.current = s.node;
    }
    out[s.machine] = st;
  }
  return out;
}

function resultHtml(step: Extract<Step, { type: 'result' }>): string {
  const r = step.result;
  let html = `<p><strong>${esc(r.op)}</strong>${r.client ? ` by "${esc(r.client)}"` : ''} → <code class="${r.hr === 'S_OK' ? 'ok' : 'err'}">${r.hr}</code></p>`;
  if (r.op === 'logon') {
    const l = r as LogonCallResult;
    html += `<p>session <code>${l.session ?? 'none'}</code>${l.shared ? ' (shared)' : ''}, profile ${esc(JSON.stringify(l.profile))}, path <code data-result-path>${l.path.join(' ')}</code></p>`;
    for (const s of l.services) {
      html += `<table class="services"><caption>service "${esc(s.name)}": <span class="${s.state}">${s.state}</span>, ${s.failures} failure(s), path <code>${s.path.join(' ')}</code></caption>`;
      html += s.providers
        .map((p) => `<tr><td>${esc(p.name)}</td><td>${p.kind}</td><td class="${p.state}">${p.state}</td><td>${p.hr ?? '—'}</td><td>${p.attempts} attempt(s)</td></tr>`)
        .join('');
      html += '</table>';
    }
  }
  if (r.op === 'statusTable') {
    const rows = (r as StatusTableCallResult).rows;
    html += `<table class="status"><caption>status table</caption>${rows
      .map((row) => `<tr><td>${esc(row.name)}</td><td>${row.kind}</td><td class="${row.status === 'STATUS_AVAILABLE' ? 'ok' : 'err'}">${row.status}</td></tr>`)
      .join('')}</table>`;
  }
  return html;
}

function stepText(s: Step): string {
  switch (s.type) {
    case 'call':
      return `Call ${s.call + 1}: ${s.text}`;
    case 'node':
      return `${s.who}: ${s.node}`;
    case 'dialog':
      return `${s.who}: dialog ${s.dialog} → answered "${s.answer}"`;
    case 'result':
      return `Call ${s.call + 1} returns ${s.result.hr}`;
  }
}

/** The viewer: pick or paste a scenario, then step through its run on the three flowcharts. */
export async function startViewer(root: HTMLElement): Promise<void> {
  root.innerHTML = `
<header>
  <h1>MAPI logon flowcharts</h1>
  <label>Example <select data-examples></select></label>
  <label class="file">Load… <input type="file" accept=".json,application/json" data-file></label>
  <label class="switch"><input type="checkbox" data-stately> also send runs to the Stately inspector (online)</label>
  <a href="/inspect" target="_blank">inspector</a>
</header>
<div class="editor">
  <textarea data-scenario spellcheck="false" aria-label="scenario JSON"></textarea>
  <div class="side">
    <button data-run>Run</button>
    <div class="error" data-error role="alert"></div>
  </div>
</div>
<nav class="controls">
  <button data-first title="first step">« First</button><button data-back title="step back (←)">‹ Back</button>
  <button data-play>Play</button><button data-next title="step forward (→)">Next ›</button><button data-last title="last step">Last »</button>
  <span data-counter></span> <span class="step" data-step></span>
</nav>
<div class="dialog" data-dialog hidden></div>
<main class="panels" data-panels></main>
<section class="result" data-result></section>`;
  const $ = <T extends Element>(sel: string) => root.querySelector<T>(sel)!;
  const panels = $<HTMLElement>('[data-panels]');
  renderPanels(panels);

  const examples: Example[] = await (await fetch('/examples.json')).json();
  const select = $<HTMLSelectElement>('[data-examples]');
  select.innerHTML = examples.map((e, i) => `<option value="${i}">${esc(e.name)}</option>`).join('');
  const editor = $<HTMLTextAreaElement>('[data-scenario]');
  const error = $<HTMLElement>('[data-error]');

  let timeline: Timeline | null = null;
  let index = 0;
  let timer: ReturnType<typeof setInterval> | null = null;

  const show = () => {
    if (!timeline) return;
    const steps = timeline.steps;
    index = Math.max(0, Math.min(index, steps.length - 1));
    const states = panelStates(steps, index);
    (Object.keys(MACHINES) as MachineName[]).forEach((m) => showPanel(panels, m, states[m]));
    const step = steps[index]!;
    $('[data-counter]').textContent = `${index + 1} / ${steps.length}`;
    $('[data-step]').textContent = stepText(step);
    root.dataset.stepIndex = String(index);
    root.dataset.stepType = step.type;
    const dialog = $<HTMLElement>('[data-dialog]');
    dialog.hidden = step.type !== 'dialog';
    if (step.type === 'dialog') dialog.innerHTML = `<strong>${step.dialog}</strong> dialog, asked by ${esc(step.who)} — scripted answer: <code>${esc(step.answer)}</code>`;
    $('[data-result]').innerHTML = step.type === 'result' ? resultHtml(step) : '';
  };

  const stop = () => {
    if (timer) clearInterval(timer);
    timer = null;
    $('[data-play]').textContent = 'Play';
  };

  const run = async () => {
    stop();
    error.textContent = '';
    editor.classList.remove('invalid');
    let scenario: unknown;
    try {
      scenario = parseScenarioText(editor.value);
    } catch (e) {
      error.textContent = e instanceof ScenarioError ? e.message : String(e);
      editor.classList.add('invalid');
      return;
    }
    const stately = $<HTMLInputElement>('[data-stately]').checked ? createBrowserInspector() : null;
    timeline = await buildTimeline(scenario, stately ? { inspect: (ev) => stately.inspect.next?.(ev) } : {});
    index = 0;
    root.dataset.steps = String(timeline.steps.length);
    show();
  };

  select.addEventListener('change', () => {
    editor.value = examples[Number(select.value)]!.text;
    void run();
  });
  $<HTMLInputElement>('[data-file]').addEventListener('change', async (e) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (file) {
      editor.value = await file.text();
      void run();
    }
  });
  $('[data-run]').addEventListener('click', () => void run());
  $('[data-first]').addEventListener('click', () => ((index = 0), show()));
  $('[data-back]').addEventListener('click', () => (index--, show()));
  $('[data-next]').addEventListener('click', () => (index++, show()));
  $('[data-last]').addEventListener('click', () => ((index = Infinity), show()));
  $('[data-play]').addEventListener('click', () => {
    if (timer) return stop();
    $('[data-play]').textContent = 'Pause';
    timer = setInterval(() => {
      if (!timeline || index >= timeline.steps.length - 1) return stop();
      index++;
      show();
    }, 400);
  });
  document.addEventListener('keydown', (e) => {
    if (e.target === editor) return;
    if (e.key === 'ArrowRight') (index++, show());
    if (e.key === 'ArrowLeft') (index--, show());
  });

  const wanted = new URLSearchParams(location.search).get('example');
  const start = Math.max(0, examples.findIndex((e) => e.name === wanted));
  select.value = String(start);
  editor.value = examples[start]?.text ?? '';
  await run();
  root.dataset.ready = 'true';
}

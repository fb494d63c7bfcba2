import { createBrowserInspector } from '@statelyai/inspect';
import { ScenarioError, parseScenarioText } from '../../src/schema/parseScenario.js';
import type { LaidOutChart } from '../layout/types.js';
import { ChartTabs } from './charts.js';
import { h, replace } from './dom.js';
import { legend } from './legend.js';
import { answersTable, resultTables } from './results.js';
import { sequenceView, showSequence } from './sequence.js';
import { decodeScenario, encodeScenario, readHash, writeHash } from './share.js';
import { panelStates, shownCall, stepText } from './steps.js';
import { isTextEntry, oneLine } from './text.js';
import { buildTimeline, type Step, type Timeline } from './timeline.js';

interface Example {
  name: string;
  description?: string;
  text: string;
}

/** The viewer: pick, load or paste a scenario; step through its run on the charts. */
export async function startViewer(root: HTMLElement, charts: LaidOutChart[]): Promise<void> {
  const select = h('select', { 'data-examples': true });
  const fileInput = h('input', { type: 'file', accept: '.json,application/json', 'data-file': true, hidden: true, tabindex: -1 });
  const loadButton = h('button', { type: 'button', 'data-load': true }, 'Load…');
  const shareButton = h('button', { type: 'button', 'data-share': true, title: 'copy a link to this step' }, 'Copy link');
  const stately = h('input', { type: 'checkbox', 'data-stately': true });
  const description = h('p', { class: 'description', 'data-description': true });
  const editor = h('textarea', { 'data-scenario': true, spellcheck: 'false', 'aria-label': 'scenario JSON', rows: 3 });
  const runButton = h('button', { type: 'button', 'data-run': true }, 'Run');
  const error = h('div', { class: 'error', 'data-error': true, role: 'alert' });
  const button = (attr: string, text: string, title: string) => h('button', { type: 'button', [attr]: true, title, 'aria-label': title }, text);
  const first = button('data-first', '« First', 'first step (Home)');
  const back = button('data-back', '‹ Back', 'step back (←)');
  const play = button('data-play', 'Play', 'play');
  const next = button('data-next', 'Next ›', 'step forward (→)');
  const last = button('data-last', 'Last »', 'last step (End)');
  const counter = h('span', { 'data-counter': true });
  const stepLine = h('span', { class: 'step', 'data-step': true, 'aria-live': 'polite' });
  const tabs = new ChartTabs(charts);
  const answers = h('div', { 'data-answers-box': true });
  const result = h('div', { class: 'result', 'data-result-box': true });
  const sequence = h('section', { class: 'sequence', 'aria-label': 'sequence of calls and answers' });
  replace(
    root,
    h('header', {},
      h('h1', {}, 'MAPI logon flowcharts'),
      h('label', {}, 'Example ', select),
      loadButton, fileInput, shareButton,
      h('label', { class: 'switch' }, stately, ' also send runs to the Stately inspector (online)'),
      h('a', { href: 'inspect.html', target: '_blank', rel: 'opener' }, 'inspector')),
    description,
    h('details', { class: 'editor', open: true }, h('summary', {}, 'Scenario (JSON)'), h('div', { class: 'editor-row' }, editor, h('div', { class: 'side' }, runButton, error))),
    h('nav', { class: 'controls', 'aria-label': 'steps' }, first, back, play, next, last, counter, stepLine),
    h('div', { class: 'layout' }, tabs.element, h('aside', { class: 'side-panel' }, answers, result, legend())),
    sequence,
  );

  const examples: Example[] = await (await fetch('examples.json')).json();
  select.append(...examples.map((e, i) => h('option', { value: i }, e.name)));

  let timeline: Timeline | null = null;
  let index = 0;
  let timer: ReturnType<typeof setInterval> | null = null;
  let link: { s?: string; example?: string } = {};

  const clear = () => {
    timeline = null;
    // Nothing to share: the address no longer names the old run.
    link = {};
    history.replaceState(null, '', location.pathname + location.search);
    root.dataset.steps = '0';
    delete root.dataset.stepIndex;
    delete root.dataset.stepType;
    for (const c of charts) tabs.show(c.machine, null);
    counter.textContent = '0 / 0';
    stepLine.textContent = 'no run';
    replace(answers);
    replace(result);
    replace(sequence);
    for (const b of [first, back, play, next, last]) b.disabled = true;
  };

  const show = () => {
    if (!timeline) return;
    const steps = timeline.steps;
    index = Math.max(0, Math.min(index, steps.length - 1));
    const step = steps[index]!;
    // The chart of what moves at this step; a call's end shows its first chart (A for a logon).
    if ('machine' in step) tabs.focus(step.machine);
    else if (step.type === 'result' && step.result.op === 'logon') tabs.focus(charts[0]!.machine);
    const states = panelStates(charts, steps, index);
    for (const c of charts) tabs.show(c.machine, states.get(c.machine) ?? null);
    counter.textContent = `${index + 1} / ${steps.length}`;
    stepLine.textContent = stepText(step);
    root.dataset.stepIndex = String(index);
    root.dataset.stepType = step.type;
    const call = shownCall(steps, index);
    replace(answers, answersTable(steps.slice(0, index + 1).filter((s) => s.call === call)));
    // The result of this call once it returned, else the last call's that did.
    const done = steps.slice(0, index + 1).filter((s): s is Extract<Step, { type: 'result' }> => s.type === 'result').at(-1);
    replace(result, h('h2', {}, done?.call === step.call ? 'This call returned' : 'The last call that returned'),
      done ? resultTables(done.call, done.result) : h('p', { class: 'muted' }, 'No call has returned yet.'));
    showSequence(sequence, index);
    first.disabled = back.disabled = index === 0;
    next.disabled = last.disabled = index === steps.length - 1;
    if (link.s || link.example) history.replaceState(null, '', writeHash({ ...link, step: index + 1 }));
  };

  const stop = () => {
    if (timer) clearInterval(timer);
    timer = null;
    play.textContent = 'Play';
  };

  const run = async (startAt = 1) => {
    stop();
    error.textContent = '';
    editor.classList.remove('invalid');
    let scenario: unknown;
    try {
      scenario = parseScenarioText(editor.value);
    } catch (e) {
      // An invalid scenario leaves nothing to step: the old run goes, the error says why.
      clear();
      error.textContent = oneLine(e instanceof ScenarioError ? e.message : String(e));
      editor.classList.add('invalid');
      return;
    }
    const parsed = scenario as { description?: string };
    description.textContent = parsed.description ?? '';
    const inspector = stately.checked ? createBrowserInspector() : null;
    timeline = await buildTimeline(scenario, new Set(charts.map((c) => c.machine)), inspector ? { inspect: (ev) => inspector.inspect.next?.(ev) } : {});
    for (const b of [first, back, play, next, last]) b.disabled = false;
    replace(sequence, sequenceView(timeline.steps));
    sequence.querySelectorAll<HTMLElement>('[data-seq-step]').forEach((el) =>
      el.addEventListener('click', () => ((index = Number(el.dataset.seqStep)), show())));
    index = startAt - 1;
    root.dataset.steps = String(timeline.steps.length);
    show();
  };

  const runExample = async (i: number, step = 1) => {
    select.value = String(i);
    editor.value = examples[i]!.text;
    link = { example: examples[i]!.name };
    await run(step);
  };
  const runText = async (text: string, step = 1) => {
    editor.value = text;
    link = {};
    await run(step);
    // The link to this run, once it is compressed (a bad scenario gets none).
    if (!timeline) return;
    link = { s: await encodeScenario(text) };
    if (editor.value === text) history.replaceState(null, '', writeHash({ ...link, step: index + 1 }));
  };

  select.addEventListener('change', () => void runExample(Number(select.value)));
  loadButton.addEventListener('click', () => fileInput.click());
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0];
    if (file) await runText(await file.text());
    fileInput.value = '';
  });
  runButton.addEventListener('click', () => void runText(editor.value));
  shareButton.addEventListener('click', async () => {
    await navigator.clipboard?.writeText(location.href).catch(() => undefined);
    shareButton.textContent = 'Link copied';
    setTimeout(() => (shareButton.textContent = 'Copy link'), 1500);
  });
  const go = (to: number) => {
    if (!timeline) return;
    index = to;
    show();
  };
  first.addEventListener('click', () => go(0));
  back.addEventListener('click', () => go(index - 1));
  next.addEventListener('click', () => go(index + 1));
  last.addEventListener('click', () => go(Infinity));
  play.addEventListener('click', () => {
    if (timer) return stop();
    play.textContent = 'Pause';
    timer = setInterval(() => {
      if (!timeline || index >= timeline.steps.length - 1) return stop();
      go(index + 1);
    }, 500);
  });
  // Capture phase: the keys step even when a select or a button has focus (before their own use).
  window.addEventListener('keydown', (e) => {
    if (isTextEntry(e.target) || e.altKey || e.ctrlKey || e.metaKey) return;
    const to = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: Infinity }[e.key];
    if (to === undefined || !timeline) return;
    e.preventDefault();
    go(to);
  }, { capture: true });

  // Opened from a link: its scenario at its step; else the example named, else the first.
  const wanted = readHash(location.hash);
  const named = wanted.example ?? new URLSearchParams(location.search).get('example');
  if (wanted.s) {
    let text: string | null = null;
    try {
      text = await decodeScenario(wanted.s);
    } catch {
      error.textContent = 'this link does not hold a scenario (its #s= part is damaged)';
    }
    if (text !== null) {
      editor.value = text;
      link = { s: wanted.s };
      await run(wanted.step ?? 1);
    } else clear();
  } else {
    const i = Math.max(0, examples.findIndex((e) => e.name === named));
    if (examples.length) await runExample(i, wanted.step ?? 1);
    else clear();
  }
  // A link pasted into this tab changes only the hash: open what it names.
  window.addEventListener('hashchange', () => {
    if (location.hash !== writeHash({ ...link, step: index + 1 })) location.reload();
  });
  root.dataset.ready = 'true';
}

import { createBrowserInspector } from '@statelyai/inspect';
import { ScenarioError, parseScenarioText } from '../../src/schema/parseScenario.js';
import type { LaidOutChart } from '../layout/types.js';
import { ChartTabs } from './charts.js';
import { looksLikeReport } from './coverageData.js';
import { CoverageMode } from './coverageMode.js';
import { h, replace } from './dom.js';
import { legend } from './legend.js';
import { answersTable, resultTables } from './results.js';
import { sequenceView, showSequence } from './sequence.js';
import { decodeScenario, encodeScenario, type HashState, readHash, writeHash } from './share.js';
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
  // Several files at once: their coverage; a report of `mapi-logon coverage --json`: shown as coverage.
  const fileInput = h('input', { type: 'file', accept: '.json,application/json', multiple: true, 'data-file': true, hidden: true, tabindex: -1 });
  const loadButton = h('button', { type: 'button', 'data-load': true, title: 'a scenario; several scenarios or a coverage report (mapi-logon coverage --json) for the coverage view' }, 'Load…');
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
  const controls = h('nav', { class: 'controls', 'aria-label': 'steps' }, first, back, play, next, last, counter, stepLine);
  const runLegend = legend();
  const examples: Example[] = await (await fetch('examples.json')).json();
  const coverage = new CoverageMode({
    tabs,
    charts,
    examples,
    editorScenario: () => ({ name: link.example ?? 'in the editor', text: editor.value }),
    onToggle: (active) => {
      // The run's own controls and panels make no sense over a coverage: they hide, and come back.
      for (const el of [controls, answers, result, runLegend, sequence]) el.hidden = active;
      if (active) {
        stop();
        for (const c of charts) tabs.show(c.machine, null);
      } else if (timeline) show();
      else clear();
      writeAddress();
    },
    error: (message) => {
      error.textContent = message;
    },
    shown: () => writeAddress(),
  });
  replace(
    root,
    h('header', {},
      h('h1', {}, 'MAPI logon flowcharts'),
      h('label', {}, 'Example ', select),
      loadButton, fileInput, coverage.button, coverage.source, shareButton,
      h('label', { class: 'switch' }, stately, ' also send runs to the Stately inspector (online)'),
      h('a', { href: 'inspect.html', target: '_blank', rel: 'opener' }, 'inspector')),
    description,
    h('details', { class: 'editor', open: true }, h('summary', {}, 'Scenario (JSON)'), h('div', { class: 'editor-row' }, editor, h('div', { class: 'side' }, runButton, error))),
    controls,
    h('div', { class: 'layout' }, tabs.element, h('aside', { class: 'side-panel' }, answers, result, runLegend, coverage.box)),
    sequence,
  );

  select.append(...examples.map((e, i) => h('option', { value: i }, e.name)));

  let timeline: Timeline | null = null;
  let index = 0;
  let timer: ReturnType<typeof setInterval> | null = null;
  let link: { s?: string; example?: string } = {};

  // The address names what is shown: a run at its step, or a coverage view (files from disk by their report).
  const address = (): HashState | null => {
    const view = coverage.hash();
    if (!view) return link.s || link.example ? { ...link, step: index + 1 } : null;
    if (view.cov) return { cov: view.cov };
    if (coverage.current === 'files') return null;
    return view.useLink ? { mode: 'coverage', ...link } : { mode: 'coverage' };
  };
  const writeAddress = () => {
    const state = address();
    history.replaceState(null, '', state ? writeHash(state) : location.pathname + location.search);
  };

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
    // The coverage view keeps the charts: the run waits, stepped or not, until the view goes.
    if (!timeline || coverage.active) return;
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
    if (link.s || link.example) writeAddress();
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
      // Its coverage too is gone (the view says why).
      if (coverage.active && coverage.current === 'scenario') await coverage.open('scenario');
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
    if (coverage.active && coverage.current === 'scenario') await coverage.open('scenario');
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
    if (editor.value === text) writeAddress();
  };

  // In the coverage view, picking or running a scenario shows that scenario's coverage.
  const forScenario = () => {
    if (coverage.active) coverage.source.value = 'scenario';
  };
  select.addEventListener('change', () => (forScenario(), void runExample(Number(select.value))));
  loadButton.addEventListener('click', () => fileInput.click());
  fileInput.addEventListener('change', async () => {
    const files = [...(fileInput.files ?? [])];
    fileInput.value = '';
    if (!files.length) return;
    const texts = await Promise.all(files.map(async (f) => ({ name: f.name.replace(/\.json$/i, ''), text: await f.text() })));
    const report = texts.map((t) => {
      try {
        const value: unknown = JSON.parse(t.text);
        return looksLikeReport(value) ? value : undefined;
      } catch {
        return undefined;
      }
    });
    if (report.some((r) => r !== undefined)) {
      if (texts.length > 1) error.textContent = 'load a coverage report on its own, or scenario files only';
      else await coverage.loadReport(report[0], files[0]!.name);
      return;
    }
    // One scenario runs (in the coverage view: its coverage); several: their coverage.
    if (texts.length === 1 && !coverage.active) await runText(texts[0]!.text);
    else await coverage.loadFiles(texts);
  });
  runButton.addEventListener('click', () => (forScenario(), void runText(editor.value)));
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
    if (to === undefined || !timeline || coverage.active) return;
    e.preventDefault();
    go(to);
  }, { capture: true });

  // Opened from a link: its scenario at its step; else the example named, else the first. A
  // coverage link opens the coverage view (of the examples, that scenario, or the report it holds).
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
  if (wanted.cov) {
    let report: unknown;
    try {
      report = JSON.parse(await decodeScenario(wanted.cov));
    } catch {
      error.textContent = 'this link does not hold a coverage report (its #cov= part is damaged)';
    }
    if (report !== undefined) await coverage.loadReport(report, 'given in the link', wanted.cov);
  } else if (wanted.mode) await coverage.open(wanted.s || wanted.example ? 'scenario' : 'examples');
  // A link pasted into this tab changes only the hash: open what it names.
  window.addEventListener('hashchange', () => {
    const state = address();
    if (location.hash !== (state ? writeHash(state) : '')) location.reload();
  });
  root.dataset.ready = 'true';
}

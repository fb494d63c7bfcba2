import type { CoverageReport } from '../../src/conformance/coverage.js';
import type { LaidOutChart } from '../layout/types.js';
import type { ChartTabs } from './charts.js';
import { type NamedText, coverageOf, parseReport } from './coverageData.js';
import { coverageLegend, coveragePanel, shadeCharts, unshade } from './coverageView.js';
import { h, replace } from './dom.js';
import { encodeScenario } from './share.js';
import { oneLine } from './text.js';

/** Whose coverage the charts show. */
export type CoverageSource = 'examples' | 'scenario' | 'files' | 'report';

export interface CoverageHost {
  tabs: ChartTabs;
  charts: LaidOutChart[];
  examples: NamedText[];
  /** The scenario in the editor, named after its example when it is one. */
  editorScenario: () => NamedText;
  /** The view came or went: the run's own controls hide or come back. */
  onToggle: (active: boolean) => void;
  /** Says why a coverage could not be computed (or '' to clear). */
  error: (message: string) => void;
  /** A coverage (or its error) is on the charts: the address may name it now. */
  shown: () => void;
}

/**
 * The viewer's coverage mode: the charts shaded by how often the runs took each node and edge,
 * computed in the page by the CLI's own code (src/conformance/coverage.ts) for the examples, the
 * scenario in the editor or files loaded together, or read from a report of `mapi-logon coverage
 * --json` (loaded, or in the link as `#cov=…`).
 */
export class CoverageMode {
  readonly button = h('button', { type: 'button', 'data-coverage-mode': true, 'aria-pressed': 'false', title: 'shade the charts by how often the runs took each node and edge' }, 'Coverage');
  readonly source = h('select', { 'data-coverage-source': true, 'aria-label': 'coverage of', hidden: true });
  readonly box = h('div', { class: 'coverage-box', 'data-coverage-box': true, hidden: true });
  active = false;
  private files: NamedText[] = [];
  private report: { report: CoverageReport; name: string; code: string } | null = null;
  // The files' coverage, deflated: files from disk have no address, their report travels instead.
  private filesCode: string | null = null;
  // Only the latest request paints: a slow computation never overwrites a newer one.
  private generation = 0;

  constructor(private readonly host: CoverageHost) {
    this.setOption('examples', `all ${host.examples.length} examples`);
    this.setOption('scenario', 'the scenario in the editor');
    this.button.addEventListener('click', () => (this.active ? this.close() : void this.open()));
    this.source.addEventListener('change', () => void this.open(this.source.value as CoverageSource));
  }

  private setOption(value: CoverageSource, text: string): void {
    const old = this.source.querySelector(`option[value="${value}"]`);
    const option = h('option', { value }, text);
    if (old) old.replaceWith(option);
    else this.source.append(option);
  }

  get current(): CoverageSource {
    return this.source.value as CoverageSource;
  }

  /** Shows the coverage of `source` (default: the one selected). */
  async open(source: CoverageSource = this.current): Promise<void> {
    const generation = ++this.generation;
    this.source.value = source;
    if (!this.active) {
      this.active = true;
      this.button.setAttribute('aria-pressed', 'true');
      this.source.hidden = false;
      this.box.hidden = false;
      this.host.onToggle(true);
    }
    this.host.error('');
    const root = this.box.closest<HTMLElement>('#app');
    if (root) root.dataset.coverage = 'computing';
    replace(this.box, h('p', { class: 'muted', role: 'status' }, 'Running the scenarios to count what they take…'));
    let report: CoverageReport;
    let what: string;
    try {
      if (source === 'report') {
        if (!this.report) throw new Error('no coverage report loaded');
        ({ report } = this.report);
        what = `the report ${this.report.name}`;
      } else if (source === 'files') {
        report = await coverageOf(this.files);
        what = this.files.length === 1 ? `the file ${this.files[0]!.name}` : `${this.files.length} files loaded`;
      } else if (source === 'scenario') {
        const one = this.host.editorScenario();
        report = await coverageOf([one]);
        what = `the scenario ${one.name}`;
      } else {
        report = await coverageOf(this.host.examples);
        what = `the ${this.host.examples.length} examples`;
      }
    } catch (e) {
      if (generation !== this.generation) return;
      // Nothing stale stays shaded: the charts go plain and the error says why.
      for (const c of this.host.charts) this.unshadeChart(c.machine);
      replace(this.box, h('p', { class: 'muted' }, 'No coverage to show.'));
      this.host.error(oneLine(e instanceof Error ? e.message : String(e)));
      if (root) root.dataset.coverage = 'error';
      this.host.shown();
      return;
    }
    if (source === 'files') this.filesCode = await encodeScenario(JSON.stringify(report));
    if (generation !== this.generation || !this.active) return;
    const max = shadeCharts(this.host.tabs, this.host.charts, report);
    replace(this.box, coveragePanel(report, this.host.charts, what, coverageLegend(max)));
    if (root) root.dataset.coverage = 'ready';
    this.host.shown();
  }

  private unshadeChart(machine: string): void {
    const svg = this.host.tabs.svgOf(machine);
    if (svg) unshade(svg);
  }

  /** Back to the run: the shading goes, the run's controls come back. */
  close(): void {
    this.generation++;
    this.active = false;
    this.button.setAttribute('aria-pressed', 'false');
    this.source.hidden = true;
    this.box.hidden = true;
    for (const c of this.host.charts) this.unshadeChart(c.machine);
    const root = this.box.closest<HTMLElement>('#app');
    if (root) delete root.dataset.coverage;
    this.host.onToggle(false);
  }

  /** Scenario files loaded together: their coverage. */
  async loadFiles(files: NamedText[]): Promise<void> {
    this.files = files;
    this.filesCode = null;
    this.setOption('files', files.length === 1 ? `the file ${files[0]!.name}` : `the ${files.length} files loaded`);
    await this.open('files');
  }

  /** A report of `mapi-logon coverage --json` (a file, or a link's `#cov=`): checked, then shown. */
  async loadReport(value: unknown, name: string, code?: string): Promise<void> {
    let report: CoverageReport;
    try {
      report = parseReport(value, name);
    } catch (e) {
      this.host.error(oneLine((e as Error).message));
      return;
    }
    this.report = { report, name, code: code ?? (await encodeScenario(JSON.stringify(report))) };
    this.setOption('report', `the report ${name}`);
    await this.open('report');
  }

  /** What the address says about this view: the examples, the scenario's own link, or the report itself. */
  hash(): { mode: 'coverage'; cov?: string; useLink: boolean } | null {
    if (!this.active) return null;
    if (this.current === 'report' && this.report) return { mode: 'coverage', cov: this.report.code, useLink: false };
    if (this.current === 'files' && this.filesCode) return { mode: 'coverage', cov: this.filesCode, useLink: false };
    return { mode: 'coverage', useLink: this.current === 'scenario' };
  }
}

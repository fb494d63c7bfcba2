import { deflateSync } from 'node:zlib';
import { type CoverageReport, runWithCoverage, summarize } from '../src/conformance/coverage.js';
import { loadScenarios } from '../src/conformance/loadScenarios.js';
import { buildUniverse } from '../src/conformance/universe.js';

/**
 * `mapi-logon view --coverage PATH…`: the coverage of scenario files or directories, counted as
 * `mapi-logon coverage` counts them (bad paths or scenarios throw its LoadError), and a viewer
 * link that opens the coverage view of that report (`#cov=`, deflated as a shared scenario is).
 */
export async function coverageReportOf(paths: string[]): Promise<CoverageReport> {
  const universe = buildUniverse();
  const runs = [];
  for (const s of loadScenarios(paths)) runs.push(await runWithCoverage(s.name, s.scenario, universe));
  return summarize(runs, universe);
}

export const coverageLink = (viewerUrl: string, report: CoverageReport): string =>
  `${viewerUrl}#cov=${deflateSync(Buffer.from(JSON.stringify(report), 'utf8')).toString('base64url')}`;

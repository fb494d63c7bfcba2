import type { LogonCallResult } from '../../src/simulator/runScenario.js';
import { countsAsFailure } from './invariants.js';

type Service = LogonCallResult['services'][number];

/** Flowchart C's branches as a service's record shows them (SPEC 3, section 8's paths). */
export const BRANCHES = {
  C4: (s: Service) => s.path.includes('C4'),
  C5: (s: Service) => s.path.includes('C5'),
  'C6 retry': (s: Service) => s.path.some((id, i) => id === 'C6' && s.path[i + 1] === 'C3'),
  'C6 declined': (s: Service) => s.path.some((id, i) => id === 'C6' && s.path[i + 1] === 'C7'),
  // C-R5: the failing answer right before C7 is the service's second.
  'C7 second failure': (s: Service) => s.path.some((id, i) => id === 'C7' && s.path[i - 1] === 'C3') && s.failures === 2,
  'C-R9 session limit': (s: Service) => s.providers.some((p) => p.hrs.includes('MAPI_E_SESSION_LIMIT')),
  'warning MAPI_W_ERRORS_RETURNED': (s: Service) => s.providers.some((p) => p.hrs.includes('MAPI_W_ERRORS_RETURNED')),
} as const satisfies Record<string, (s: Service) => boolean>;

export type Branch = keyof typeof BRANCHES;

export interface BranchStatistics {
  logons: number;
  /** Logons that got past A11/A14 to the services (a new session). */
  reachedServices: number;
  serviceRuns: number;
  hits: Record<Branch, number>;
  /** Services with exactly one failure that were not declined: C-R5's "stays enabled" cases. */
  oneFailureRetried: number;
}

export function emptyStatistics(): BranchStatistics {
  return {
    logons: 0,
    reachedServices: 0,
    serviceRuns: 0,
    hits: Object.fromEntries(Object.keys(BRANCHES).map((k) => [k, 0])) as Record<Branch, number>,
    oneFailureRetried: 0,
  };
}

/** Counts one logon result into the statistics. */
export function countLogon(stats: BranchStatistics, result: LogonCallResult): void {
  stats.logons++;
  if (!result.path.includes('A12')) return;
  stats.reachedServices++;
  for (const s of result.services) {
    stats.serviceRuns++;
    for (const [name, hit] of Object.entries(BRANCHES) as Array<[Branch, (s: Service) => boolean]>) if (hit(s)) stats.hits[name]++;
    const failing = s.providers.flatMap((p) => p.hrs).filter(countsAsFailure).length;
    if (failing === 1 && s.state === 'enabled') stats.oneFailureRetried++;
  }
}

const pct = (n: number, of: number) => (of === 0 ? 0 : (100 * n) / of);

/** The measured percentages: logons reaching the services, and each branch per service run. */
export function percentages(stats: BranchStatistics): Record<string, number> {
  return {
    'logons reaching the services': pct(stats.reachedServices, stats.logons),
    ...Object.fromEntries(Object.entries(stats.hits).map(([k, n]) => [k, pct(n, stats.serviceRuns)])),
    'one failure, retried, enabled': pct(stats.oneFailureRetried, stats.serviceRuns),
  };
}

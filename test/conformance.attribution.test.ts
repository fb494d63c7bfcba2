import { beforeAll, describe, expect, it } from 'vitest';
import { type ConformCase, casesFromSuite, firstDivergence } from '../src/conformance/conform.js';
import { generateSuite } from '../src/conformance/suite.js';

/**
 * docs/conformance.md section 3, row by row: a suite case's expected results with one field
 * changed as an implementation breaking one rule would answer, and the rule the runner names.
 */
type R = Record<string, any>;

let cases: ConformCase[];
beforeAll(async () => {
  cases = casesFromSuite((await generateSuite()).cases);
});

/** The first divergence when the implementation answers the case's expected results, changed by `change`. */
function divergence(name: string, change: (results: R[]) => void) {
  const c = cases.find((x) => x.name === name);
  if (!c) throw new Error(`no suite case ${name}`);
  const actual = structuredClone(c.expected) as R[];
  change(actual);
  return firstDivergence(c.scenario, c.expected, actual);
}

const logonAt = (results: R[], client: string) => results.find((r) => r.op === 'logon' && r.client === client)!;

describe('from a field to a rule (docs/conformance.md section 3)', () => {
  it('equal results, or extra fields only the implementation has, are no divergence', () => {
    expect(divergence('C-R5-two-failures', () => {})).toBeNull();
    expect(divergence('C-R5-two-failures', (r) => r.forEach((x) => (x.mine = true)))).toBeNull();
  });

  const CASES: Array<[string, string, (r: R[]) => void]> = [
    ['V-R1', 'V-R1-unknown-flags', (r) => Object.assign(r[1]!, { hr: 'S_OK', hrValue: 0, path: ['A1', 'A2', 'A4', 'A5', 'A11', 'A12'] })],
    ['V-R3', 'V-R3-long-name', (r) => Object.assign(r[1]!, { hr: 'MAPI_E_LOGON_FAILED', path: ['A1', 'A4', 'A5', 'A11', 'A13', 'A15'] })],
    ['S-R4', 'S-R4-one-session', (r) => Object.assign(r[2]!, { hr: 'S_OK', path: ['A1', 'A4', 'A5', 'A11', 'A12'] })],
    ['A-R2', 'A-R2-profile-case', (r) => Object.assign(logonAt(r, 'a'), { hr: 'MAPI_E_LOGON_FAILED', path: ['A1', 'A4', 'A5', 'A11', 'A13', 'A15'] })],
    ['A-R7', 'A-R1-join-shared', (r) => Object.assign(logonAt(r, 'b'), { path: ['A1', 'A2', 'A4', 'A5', 'A11', 'A13', 'A15'] })],
    ['C-R1', 'C-R1-service-ui-always', (r) => (logonAt(r, 'a').services[0].path[1] = 'C3')],
    ['C-R7', 'C-R7-failoneprovider', (r) => (logonAt(r, 'a').services[0].path[2] = 'C6')],
    ['C-R5', 'C-R5-two-failures', (r) => logonAt(r, 'a').services[0].path.splice(4, 2)],
    ['B-R1', 'B-R1-no-stored-config', (r) => (logonAt(r, 'a').services[0].providers[0].paths[0][2] = 'B3')],
    ['C-R9', 'C-R9-session-limit', (r) => (logonAt(r, 'b').services[0].providers[1].hrs[0] = 'S_OK')],
    ['C-R3', 'C-R3-no-mail-force-download', (r) => (logonAt(r, 'a').spooler = 'told')],
    ['T-R3', 'T-R1-status-rows', (r) => r.find((x) => x.op === 'statusTable')!.rows.reverse()],
    ['T-R4', 'D-R3-query-identity', (r) => r.find((x) => x.op === 'statusTable')!.rows.forEach((row: R) => (row.primaryIdentity = false))],
    ['D-R3', 'D-R3-query-identity', (r) => (r.find((x) => x.op === 'queryIdentity')!.identity.provider = 'GAL')],
    ['D-R4', 'D-R4-logoff-order', (r) => r.find((x) => x.op === 'logoff')!.loggedOff.reverse()],
    ['S-R1', 'S-R1-init-count', (r) => (r.filter((x) => x.op === 'initialize')[1]!.initCount = 1)],
    ['S-R2', 'S-R2-logoff-shared', (r) => (r.find((x) => x.op === 'logoff')!.ended = true)],
    ['format', 'A-R1-no-shared', (r) => (logonAt(r, 'a').session = 's0')],
  ];
  it.each(CASES)('%s', (rule, name, change) => {
    const d = divergence(name, change);
    expect(d?.rule).toBe(rule);
    expect(d!.expected).not.toEqual(d!.actual);
  });

  it('a missing result, or one more than the calls, is the protocol\'s', () => {
    expect(divergence('A-R1-no-shared', (r) => r.pop())?.rule).toBe('protocol');
    expect(divergence('A-R1-no-shared', (r) => r.push({ op: 'initialize' }))).toMatchObject({ rule: 'protocol', why: 'more results than calls' });
  });
});

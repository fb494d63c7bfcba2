import { MAPI_EXPLICIT_PROFILE, MAPI_FORCE_DOWNLOAD, MAPI_LOGON_UI, MAPI_NO_MAIL, MAPI_PASSWORD_UI } from '../constants/flags.js';
import type { Scenario } from '../schema/scenario.js';
import { firstMissingOrDifferent as firstDifference } from './atLeast.js';
import { invalidParameterRule, profileMatch } from './outcomeRules.js';
import { asArray, asRecord, type CallContext, flagBits, strings } from './results.js';

/**
 * Which rule a divergence breaks: the first call whose results differ is read field by field in
 * the order the logon decides them (A path, B paths, C paths, providers, then the rest), and the
 * first difference is named after the rule or drawn edge that decides that field. The table is
 * docs/conformance.md's "From a field to a rule".
 */
export interface Attribution {
  /** A rule id (`C-R5`), or a drawn edge's decision node when no rule covers it (`edge A4`). */
  rule: string;
  /** Where in the call's result (`services[0].providers[1].state`). */
  field: string;
  expected: unknown;
  actual: unknown;
  /** One line on why this rule. */
  why: string;
}

const KIND_ORDER: Record<string, number> = { addressBook: 0, store: 1, transport: 2 };
const ERROR_HRS = new Set(['MAPI_E_NOT_INITIALIZED', 'MAPI_E_UNKNOWN_FLAGS', 'MAPI_E_INVALID_PARAMETER', 'MAPI_E_INVALID_OBJECT']);

interface Ctx {
  scenario: Scenario;
  call: CallContext;
  bits: number;
  isJoin: boolean;
}

const at = (rule: string, field: string, expected: unknown, actual: unknown, why: string): Attribution => ({ rule, field, expected, actual, why });

/** The rule of a result code that a check before A1 answers (SPEC 7, S-R1, S-R2). */
function hrRule(c: Ctx, expected: unknown, actual: unknown): string | null {
  const sides = [expected, actual];
  if (sides.includes('MAPI_E_NOT_INITIALIZED')) return 'S-R1';
  const op = c.call.call.op;
  if (sides.includes('MAPI_E_UNKNOWN_FLAGS')) return op === 'logon' ? (expected === 'MAPI_E_UNKNOWN_FLAGS' ? 'V-R1' : 'A-R8') : 'S-R2';
  if (sides.includes('MAPI_E_INVALID_PARAMETER') && c.call.call.op === 'logon') {
    if (expected === 'MAPI_E_INVALID_PARAMETER') return invalidParameterRule(c.call);
    // The implementation refused what the reference accepts: the check it applied wrongly.
    const call = c.call.call;
    if ((c.bits & MAPI_LOGON_UI) && (c.bits & MAPI_PASSWORD_UI)) return 'V-R2';
    if (call.profileName !== null && call.profileName.length >= 60) return 'V-R3';
    if (call.password !== null) return 'V-R4';
    return 'S-R4';
  }
  if (sides.includes('MAPI_E_INVALID_OBJECT')) return c.call.endedByUninitialize ? 'S-R1' : 'S-R2';
  return null;
}

/** A-path decisions: the rule that decides the node left at `from`. */
function aRule(c: Ctx, from: string, expectedNext: string | undefined, actualNext: string | undefined): string {
  const call = c.call.call;
  const name = call.op === 'logon' ? call.profileName : null;
  switch (from) {
    case 'A2':
      if (actualNext === 'A3') return c.call.sharedEverEnded ? 'S-R2' : 'A-R7';
      return c.call.sharedLogoffs > 0 ? 'S-R2' : 'A-R7';
    case 'A3':
      return 'A-R1';
    case 'A6':
      return c.bits & MAPI_EXPLICIT_PROFILE ? 'A-R6' : 'edge A6';
    case 'A9':
      return 'A-R3';
    case 'A11': {
      const m = profileMatch(c.scenario, name);
      const usedDefault = name === null || name === '';
      if (usedDefault ? !c.scenario.profiles.some((p) => p.default) : !m.exists || !m.exact) return 'A-R2';
      return 'edge A11';
    }
    case 'A14':
      return name !== null && name !== '' && !profileMatch(c.scenario, name).exists ? 'A-R2' : 'A-R4';
    case 'A12':
      return 'A-R5';
    default:
      return expectedNext === undefined || actualNext === undefined ? 'A-R5' : `edge ${from}`;
  }
}

/** B-path decisions. */
function bRule(c: Ctx, from: string, storesConfig: boolean): string {
  if (from === 'B2') return storesConfig ? 'edge B2' : 'B-R1';
  if (from === 'B6') return c.bits & MAPI_LOGON_UI ? 'B-R2' : 'C-R4';
  if (['B8', 'B9', 'B11', 'B13'].includes(from)) return 'B-R3';
  if (from === 'B5' || from === 'B10') return 'B-R4';
  return `edge ${from}`;
}

function firstIndexDiff(e: string[], a: string[]): number {
  for (let i = 0; i < Math.max(e.length, a.length); i++) if (e[i] !== a[i]) return i;
  return -1;
}

/** The phase rules: who starts the transports (C-R2, C-R3, A-R9, D-R1). */
function phaseRule(c: Ctx): string {
  if (c.bits & MAPI_NO_MAIL) return 'C-R3';
  if (c.isJoin) return 'A-R9';
  if (c.bits & MAPI_FORCE_DOWNLOAD) return 'C-R2';
  return 'D-R1';
}

/** The profile's providers are not in C-R2's order already (so an order mistake shows). */
function orderMatters(c: Ctx, profileName: unknown): boolean {
  const profile = c.scenario.profiles.find((p) => p.name === profileName);
  if (!profile) return false;
  const kinds = profile.services.flatMap((s) => s.providers.map((p) => KIND_ORDER[p.kind] ?? 0));
  return kinds.some((k, i) => i > 0 && k < kinds[i - 1]!);
}

function compareLogon(c: Ctx, e: Record<string, unknown>, a: Record<string, unknown>): Attribution | null {
  const ePath = strings(e.path);
  const aPath = strings(a.path);
  if (e.hr !== a.hr && (ERROR_HRS.has(String(e.hr)) || ERROR_HRS.has(String(a.hr))) && (!ePath.length || !aPath.length)) {
    const rule = hrRule(c, e.hr, a.hr);
    if (rule) return at(rule, 'hr', e.hr, a.hr, 'a check before A1 answered differently');
  }
  const k = firstIndexDiff(ePath, aPath);
  if (k >= 0) {
    if (k === 0) {
      // Refused before A1 while another session is live: many logons are allowed (S-R3).
      const rule = hrRule(c, e.hr, a.hr) ?? (ePath.length && !aPath.length && c.call.anyLive ? 'S-R3' : 'A-R5');
      return at(rule, 'path[0]', ePath[0], aPath[0], 'the logon stopped before A1 on one side');
    }
    const from = ePath[k - 1]!;
    return at(aRule(c, from, ePath[k], aPath[k]), `path[${k}]`, ePath[k], aPath[k], `A's decision at ${from} went another way`);
  }
  if (e.profile !== a.profile) return at(c.isJoin ? 'A-R1' : 'A-R2', 'profile', e.profile, a.profile, 'the session names another profile');
  if (e.shared !== a.shared) return at(c.isJoin ? 'A-R1' : 'A-R7', 'shared', e.shared, a.shared, 'shared or not');

  const eServices = asArray(e.services).map(asRecord);
  const aServices = asArray(a.services).map(asRecord);
  if (eServices.length !== aServices.length || eServices.some((s, i) => s.name !== aServices[i]?.name)) {
    const rule = c.isJoin ? 'A-R9' : 'A-R5';
    return at(rule, 'services', eServices.map((s) => s.name), aServices.map((s) => s.name), 'another list of services');
  }
  // C-R2: which providers were called at all, when the profile order is not the kinds' order.
  const called = (ss: Record<string, unknown>[]) => ss.flatMap((s) => asArray(s.providers).map((p) => (asRecord(p).attempts as number) > 0));
  // Only when every service ended the same way: a service disabled on one side calls fewer providers for C-R5/C-R7's reasons.
  const sameEnds = eServices.every((s, i) => s.state === aServices[i]!.state && s.failures === aServices[i]!.failures);
  if (orderMatters(c, e.profile) && sameEnds && JSON.stringify(called(eServices)) !== JSON.stringify(called(aServices))) {
    return at('C-R2', 'services[*].providers[*].attempts', called(eServices), called(aServices), 'other providers were called: the logon order by kind differs');
  }
  // C1/C2 come before any provider (C-R1).
  for (let s = 0; s < eServices.length; s++) {
    const eC = strings(eServices[s]!.path);
    const aC = strings(aServices[s]!.path);
    if (eC[1] !== aC[1] && (eC[1] === 'C2' || aC[1] === 'C2')) return at('C-R1', `services[${s}].path[1]`, eC[1], aC[1], 'C1: MAPI_SERVICE_UI_ALWAYS');
  }
  // B paths, provider by provider, then each service's C path and fields.
  for (let s = 0; s < eServices.length; s++) {
    const es = eServices[s]!;
    const as = aServices[s]!;
    const base = `services[${s}]`;
    const serviceDef = c.scenario.profiles.find((p) => p.name === e.profile)?.services.find((x) => x.name === es.name);
    const eProviders = asArray(es.providers).map(asRecord);
    const aProviders = asArray(as.providers).map(asRecord);
    for (let p = 0; p < eProviders.length; p++) {
      const ep = eProviders[p]!;
      const ap = aProviders[p] ?? {};
      const ePaths = asArray(ep.paths).map(strings);
      const aPaths = asArray(ap.paths).map(strings);
      for (let t = 0; t < Math.min(ePaths.length, aPaths.length); t++) {
        const j = firstIndexDiff(ePaths[t]!, aPaths[t]!);
        if (j > 0) {
          const storesConfig = serviceDef?.providers.find((x) => x.name === ep.name)?.storesConfig ?? true;
          return at(bRule(c, ePaths[t]![j - 1]!, storesConfig), `${base}.providers[${p}].paths[${t}][${j}]`, ePaths[t]![j], aPaths[t]![j], `B's decision at ${ePaths[t]![j - 1]} went another way`);
        }
      }
    }
    // A provider's answers that differ by a rule's own HRESULT name that rule (C-R9, C-R7) before the C path.
    for (let p = 0; p < eProviders.length; p++) {
      const eh = strings(eProviders[p]!.hrs);
      const ah = strings(aProviders[p]?.hrs);
      if (JSON.stringify(eh) === JSON.stringify(ah)) continue;
      // The same attempt answered differently (a missing or extra retry is C-R5's, below): the
      // session limit (C-R9), else the provider's scripted answer after B5/B10 (B-R4).
      const k = eh.findIndex((h, i) => ah[i] !== undefined && h !== ah[i]);
      if (k < 0) continue;
      const field = `${base}.providers[${p}].hrs[${k}]`;
      if (eh[k] === 'MAPI_E_SESSION_LIMIT' || ah[k] === 'MAPI_E_SESSION_LIMIT') return at('C-R9', field, eh[k], ah[k], 'the session limit');
      return at('B-R4', field, eh[k], ah[k], "the provider's scripted answer for that attempt");
    }
    const eC = strings(es.path);
    const aC = strings(as.path);
    const j = firstIndexDiff(eC, aC);
    const disabledBefore = c.call.disabledBefore.has(`${String(e.profile)}/${String(es.name)}`);
    // C-R8: one side did not try again a service an earlier session disabled.
    const untried = (svc: Record<string, unknown>) => svc.state === 'disabled' && asArray(svc.providers).every((p) => !asRecord(p).attempts);
    if (disabledBefore && untried(es) !== untried(as)) {
      return at('C-R8', `${base}.state`, es.state, as.state, 'the service was disabled in an earlier session');
    }
    if (j >= 0) {
      const pair = [eC[j], aC[j]];
      const field = `${base}.path[${j}]`;
      const prev = eC[j - 1];
      if (prev === 'C1') return at('C-R1', field, eC[j], aC[j], 'C1: MAPI_SERVICE_UI_ALWAYS');
      // After C4/C6 without MAPI_LOGON_UI the retry is silent: no dialog can decline it.
      if ((prev === 'C4' || prev === 'C6') && !(c.bits & MAPI_LOGON_UI)) return at('C-R4', field, eC[j], aC[j], 'no dialog without MAPI_LOGON_UI, the retry happens');
      if (pair.includes('C5')) return at('C-R7', field, eC[j], aC[j], 'MAPI_E_FAILONEPROVIDER skips one provider');
      if (pair.includes('C4') || pair.includes('C6') || pair.includes('C7')) return at('C-R5', field, eC[j], aC[j], 'the two-failure rule');
      if (es.state === 'disabled' || as.state === 'disabled') return at('C-R6', field, eC[j], aC[j], "a disabled service's providers are never called");
      return at(phaseRule(c), field, eC[j], aC[j], 'the providers called differ (who starts the transports)');
    }
    for (let p = 0; p < eProviders.length; p++) {
      const ep = eProviders[p]!;
      const ap = aProviders[p] ?? {};
      const pf = `${base}.providers[${p}]`;
      for (const key of ['state', 'hr', 'hrs', 'attempts', 'phase', 'paths', 'name', 'kind']) {
        const d = firstDifference(ep[key], ap[key]);
        if (!d) continue;
        const field = `${pf}.${key}${d.path === '(value)' ? '' : d.path}`;
        const values = [JSON.stringify(ep[key]), JSON.stringify(ap[key])].join(' ');
        if (values.includes('MAPI_E_SESSION_LIMIT')) return at('C-R9', field, ep[key], ap[key], 'the session limit');
        if (key === 'phase' || [ep.state, ap.state].includes('notStarted')) return at(phaseRule(c), field, ep[key], ap[key], 'who starts the transports, and when');
        if ([ep.state, ap.state].includes('skipped') || values.includes('MAPI_E_FAILONEPROVIDER')) return at('C-R7', field, ep[key], ap[key], 'MAPI_E_FAILONEPROVIDER');
        if (values.includes('MAPI_W_')) return at('C-R5', field, ep[key], ap[key], 'a warning logs the provider on');
        if ([ep.state, ap.state].includes('disabled')) return at('C-R6', field, ep[key], ap[key], "a disabled service's providers");
        if (key === 'attempts') return at('C-R5', field, ep[key], ap[key], 'one retry after the first failure');
        return at('B-R4', field, ep[key], ap[key], "the provider's scripted answer");
      }
    }
    for (const key of ['state', 'failures']) {
      if (es[key] !== as[key]) {
        const fail1 = eProviders.some((p) => strings(p.hrs).includes('MAPI_E_FAILONEPROVIDER') || p.hr === 'MAPI_E_FAILONEPROVIDER');
        return at(fail1 ? 'C-R7' : 'C-R5', `${base}.${key}`, es[key], as[key], 'what counts as a failure of the service');
      }
    }
  }
  const dialogs = firstIndexDiff(strings(e.dialogs), strings(a.dialogs));
  if (dialogs >= 0) {
    const kind = strings(e.dialogs)[dialogs] ?? strings(a.dialogs)[dialogs];
    const noUi = !(c.bits & MAPI_LOGON_UI);
    const rule = kind === 'profilePicker' ? 'A-R3' : kind === 'password' ? 'A-R4' : noUi ? 'C-R4' : kind === 'serviceConfig' ? 'C-R1' : kind === 'retry' ? 'C-R5' : 'B-R3';
    return at(rule, `dialogs[${dialogs}]`, strings(e.dialogs)[dialogs], strings(a.dialogs)[dialogs], `the ${kind} dialog`);
  }
  if ('spooler' in e && e.spooler !== a.spooler) return at(phaseRule(c), 'spooler', e.spooler, a.spooler, 'whether the spooler was told');
  if (e.hr !== a.hr) {
    // Same path, another answer: the rule of the node the logon ended at (A14's answers, A9's cancel…).
    const last = ePath[ePath.length - 1];
    const cancelled = [e.hr, a.hr].includes('MAPI_E_USER_CANCEL');
    const rule = hrRule(c, e.hr, a.hr) ?? (last === 'A14' && cancelled ? 'A-R4' : last ? aRule(c, last, undefined, undefined) : 'A-R5');
    return at(rule, 'hr', e.hr, a.hr, `the logon ended at ${last ?? '(no node)'} with another result`);
  }
  return null;
}

function compareRows(e: Record<string, unknown>, a: Record<string, unknown>): Attribution | null {
  const eRows = asArray(e.rows).map(asRecord);
  const aRows = asArray(a.rows).map(asRecord);
  // MAPI's own rows are one of a kind (their names are T-R4's); provider rows are named by service and name.
  const own = new Set(['subsystem', 'spooler', 'integratedAddressBook']);
  const id = (r: Record<string, unknown>) => (own.has(String(r.kind)) ? String(r.kind) : `${String(r.kind)}:${String(r.service ?? '')}:${String(r.name)}`);
  const eIds = eRows.map(id);
  const aIds = aRows.map(id);
  if (JSON.stringify([...eIds].sort()) !== JSON.stringify([...aIds].sort())) {
    const missing = eIds.filter((x) => !aIds.includes(x));
    const extra = aIds.filter((x) => !eIds.includes(x));
    const spoolerDown = eRows.some((r) => r.kind === 'spooler' && r.status === 'STATUS_FAILURE');
    const transports = [...missing, ...extra].some((x) => x.startsWith('transport:'));
    const rule = spoolerDown && transports ? 'T-R2' : 'T-R1';
    return at(rule, 'rows', missing, extra, `rows missing (expected side) and extra (actual side)`);
  }
  if (JSON.stringify(eIds) !== JSON.stringify(aIds)) return at('T-R3', 'rows', eIds, aIds, 'the rows in another order');
  for (let i = 0; i < eRows.length; i++) {
    const d = firstDifference(eRows[i], aRows[i]);
    if (!d) continue;
    const spooler = eRows[i]!.kind === 'spooler';
    const rule = /^status/.test(d.path) ? (spooler ? 'T-R2' : 'T-R1') : 'T-R4';
    return at(rule, `rows[${i}].${d.path}`, d.expected, d.actual, 'a field of a status row');
  }
  return null;
}

/** Attributes the first difference of one call's results (null when they are equal). */
export function attributeCall(scenario: Scenario, call: CallContext, expected: unknown, actual: unknown): Attribution | null {
  if (!firstDifference(expected, actual)) return null;
  const e = asRecord(expected);
  const a = asRecord(actual);
  if (actual === undefined || actual === null || typeof actual !== 'object') return at('protocol', '(result)', expected, actual, 'no result for this call');
  const c: Ctx = { scenario, call, bits: 'flags' in call.call ? flagBits(call.call.flags) : 0, isJoin: strings(e.path).includes('A3') };
  if (e.op !== a.op) return at('protocol', 'op', e.op, a.op, 'results out of step with the calls');
  const hrFirst = e.hr !== a.hr ? hrRule(c, e.hr, a.hr) : null;
  switch (call.call.op) {
    case 'logon': {
      const r = compareLogon(c, e, a);
      if (r) return r;
      break;
    }
    case 'statusTable': {
      if (hrFirst) return at(hrFirst, 'hr', e.hr, a.hr, 'the session is not usable');
      const r = compareRows(e, a);
      if (r) return r;
      break;
    }
    case 'queryIdentity':
      if (hrFirst) return at(hrFirst, 'hr', e.hr, a.hr, 'the session is not usable');
      break;
    case 'logoff': {
      if (hrFirst) return at(hrFirst, 'hr', e.hr, a.hr, 'the checks of a logoff');
      const eOff = strings(e.loggedOff);
      const aOff = strings(a.loggedOff);
      if (e.ended === a.ended && JSON.stringify(eOff) !== JSON.stringify(aOff)) {
        return at('D-R4', 'loggedOff', eOff, aOff, 'which providers log off, in which order');
      }
      break;
    }
    case 'uninitialize': {
      const d = firstDifference(e.endedSessions, a.endedSessions);
      if (e.initCount === a.initCount && d && /loggedOff/.test(d.path)) return at('D-R4', `endedSessions${d.path}`, d.expected, d.actual, 'logoff order when MAPI shuts down');
      break;
    }
    default:
      break;
  }
  const d = firstDifference(expected, actual)!;
  // Values section 8 fixes without a rule: session ids ("s1", "s2"… in creation order), hrValue.
  if (d.path === 'session' || d.path === 'hrValue') return at('format', d.path, d.expected, d.actual, 'SPEC section 8: session ids in creation order, hrValue the HRESULT\'s value');
  const rule: Record<string, string> = { logon: 'A-R5', logoff: 'S-R2', statusTable: 'T-R1', queryIdentity: 'D-R3', initialize: 'S-R1', uninitialize: 'S-R1' };
  return at(hrFirst ?? rule[call.call.op] ?? 'protocol', d.path, d.expected, d.actual, `the ${call.call.op} result`);
}

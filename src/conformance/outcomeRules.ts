import {
  MAPI_ALLOW_OTHERS,
  MAPI_BG_SESSION,
  MAPI_EXPLICIT_PROFILE,
  MAPI_EXTENDED,
  MAPI_FORCE_DOWNLOAD,
  MAPI_LOGON_UI,
  MAPI_NO_MAIL,
  MAPI_NT_SERVICE,
  MAPI_PASSWORD_UI,
  MAPI_TIMEOUT_SHORT,
  MAPI_UNICODE,
} from '../constants/flags.js';
import type { Scenario } from '../schema/scenario.js';
import { asArray, asRecord, type CallContext, flagBits, providersOf, strings } from './results.js';

/** A-R8's flags: accepted, recorded, no edge of A changes. */
const NO_EDGE_FLAGS = MAPI_EXTENDED | MAPI_UNICODE | MAPI_BG_SESSION | MAPI_NT_SERVICE | MAPI_FORCE_DOWNLOAD | MAPI_TIMEOUT_SHORT | MAPI_NO_MAIL;
const MAX_PROFILE_NAME = 64;

/** V-R2…V-R4 then S-R4: the check that refuses a logon with MAPI_E_INVALID_PARAMETER (SPEC 7 order). */
export function invalidParameterRule(ctx: CallContext): string {
  const call = ctx.call;
  if (call.op !== 'logon') return 'S-R2';
  const bits = flagBits(call.flags);
  if ((bits & MAPI_LOGON_UI) && (bits & MAPI_PASSWORD_UI)) return 'V-R2';
  if (call.profileName !== null && call.profileName.length > MAX_PROFILE_NAME) return 'V-R3';
  if (call.password !== null) return 'V-R4';
  return 'S-R4';
}

/** The profile a name points at ignoring case (A-R2), and whether it was spelled as stored. */
export function profileMatch(scenario: Scenario, name: string | null): { exists: boolean; exact: boolean } {
  if (name === null || name === '') return { exists: false, exact: false };
  const p = scenario.profiles.find((x) => x.name.toLowerCase() === name.toLowerCase());
  return { exists: Boolean(p), exact: p?.name === name };
}

/**
 * Rule ids a call exercised that show in its result only (no transition of a machine names them):
 * validation, the subsystem, the status table, the session's fields. Read from the expected
 * result and the call's context; see docs/conformance.md for the table.
 */
export function outcomeRules(scenario: Scenario, ctx: CallContext, result: unknown): string[] {
  const r = asRecord(result);
  const call = ctx.call;
  const rules = new Set<string>();
  const hr = r.hr;
  if (hr === 'MAPI_E_NOT_INITIALIZED' || call.op === 'initialize' || call.op === 'uninitialize') rules.add('S-R1');
  if (hr === 'MAPI_E_INVALID_OBJECT') rules.add('S-R2');
  if (call.op === 'uninitialize' && asArray(r.endedSessions).some((s) => strings(asRecord(s).loggedOff).length > 0)) rules.add('D-R4');
  switch (call.op) {
    case 'logon': {
      const bits = flagBits(call.flags);
      const path = strings(r.path);
      if (hr === 'MAPI_E_UNKNOWN_FLAGS') rules.add('V-R1');
      if (hr === 'MAPI_E_INVALID_PARAMETER') rules.add(invalidParameterRule(ctx));
      if (path.includes('A3')) rules.add('A-R1');
      if (path.includes('A11') && call.profileName) {
        const m = profileMatch(scenario, call.profileName);
        if (!m.exists || !m.exact) rules.add('A-R2');
      }
      if (path.includes('A7') && !scenario.profiles.some((p) => p.default)) rules.add('A-R2');
      if (path.includes('A6') && bits & MAPI_EXPLICIT_PROFILE) rules.add('A-R6');
      if (path.includes('A12') && bits & MAPI_ALLOW_OTHERS) rules.add('A-R7');
      if (path.length > 0 && bits & NO_EDGE_FLAGS) rules.add('A-R8');
      if (path.includes('A12') && ctx.anyLive) rules.add('S-R3');
      const providers = providersOf(r);
      if (r.spooler === 'notTold' && bits & MAPI_NO_MAIL) rules.add('C-R3');
      if (path.includes('A3') && providers.some((p) => p.phase === 'spooler')) rules.add('A-R9');
      if (providers.some((p) => p.phase === 'spooler')) rules.add('D-R1');
      if (bits & MAPI_FORCE_DOWNLOAD && providers.some((p) => p.kind === 'transport' && p.phase === 'logon')) rules.add('C-R2');
      if (new Set(providers.filter((p) => p.attempts > 0).map((p) => p.kind)).size > 1) rules.add('C-R2');
      const bPaths = providers.flatMap((p) => p.paths);
      if (bPaths.some((b) => b.includes('B6'))) rules.add('B-R2');
      if (bPaths.some((b) => b.includes('B8'))) rules.add('B-R3');
      if (!(bits & MAPI_LOGON_UI) && bPaths.some((b) => b.includes('B7'))) rules.add('C-R4');
      if (providers.some((p) => [...p.hrs, p.hr].includes('MAPI_E_SESSION_LIMIT'))) rules.add('C-R9');
      if (providers.some((p) => p.state === 'loggedOn' && typeof p.hr === 'string' && p.hr.startsWith('MAPI_W_'))) rules.add('C-R5');
      for (const s of asArray(r.services)) {
        const service = asRecord(s);
        const cPath = strings(service.path);
        if (typeof service.failures === 'number' && service.failures > 0) rules.add('C-R5');
        if (service.state === 'disabled') rules.add('C-R6');
        if (cPath.includes('C5')) rules.add('C-R7');
        if (cPath.includes('C2')) rules.add('C-R1');
        if (ctx.disabledBefore.has(`${String(r.profile)}/${String(service.name)}`) && path.includes('A12')) rules.add('C-R8');
      }
      break;
    }
    case 'logoff':
      if (hr !== 'MAPI_E_NOT_INITIALIZED') rules.add('S-R2');
      if (strings(r.loggedOff).length > 0) rules.add('D-R4');
      break;
    case 'statusTable': {
      const rows = asArray(r.rows).map(asRecord);
      if (hr === 'S_OK' && rows.length) {
        rules.add('T-R1');
        rules.add('T-R3');
        rules.add('T-R4');
      }
      if (rows.some((row) => row.kind === 'spooler' && row.status === 'STATUS_FAILURE')) rules.add('T-R2');
      break;
    }
    case 'queryIdentity':
      if (hr === 'S_OK' || hr === 'MAPI_W_NO_SERVICE') rules.add('D-R3');
      break;
    default:
      break;
  }
  return [...rules];
}

import {
  AB_NO_DIALOG,
  LOGON_NO_DIALOG,
  MAPI_FORCE_DOWNLOAD,
  MAPI_LOGOFF_SHARED,
  MAPI_LOGON_UI,
  MAPI_NEW_SESSION,
  MAPI_NO_MAIL,
  MAPI_PASSWORD_UI,
  MAPI_SERVICE_UI_ALWAYS,
  MAPI_USE_DEFAULT,
  MDB_NO_DIALOG,
} from '../constants/flags.js';
import type { HResultName } from '../constants/hresults.js';
import type { DialogKind, ProviderKind, ProviderPhase, ProviderRecord, ServiceRecord } from '../../machines/types.js';
import type { Profile } from '../schema/profiles.js';
import type { LiveSessionState, MapiSubsystemState } from '../subsystem/types.js';
import { plainEqual } from './plainEqual.js';

/**
 * The invariants of docs/spec.md (version 2), written from the spec's text and not from the
 * machines: every function takes plain data (the subsystem's `state()`, a call and its reply, the
 * callbacks the app saw) and lists what breaks a rule. `mapi-logon check` runs them at every
 * state it reaches; properties/ may import them too.
 */
export interface Violation {
  rule: string;
  message: string;
}

const KIND_ORDER: readonly ProviderKind[] = ['addressBook', 'store', 'transport'];
const PROVIDER_STATES: readonly string[] = ['loggedOn', 'skipped', 'disabled', 'notStarted'];
const FAILONE: HResultName = 'MAPI_E_FAILONEPROVIDER';
const SESSION_LIMIT: HResultName = 'MAPI_E_SESSION_LIMIT';

const sameName = (a: string, b: string) => a.toUpperCase() === b.toUpperCase();
/**
 * C-R5: S_OK and the warnings (MAPI_W_*) are successes, every other answer (MAPI_E_*) an error.
 * Read from the names as the spec writes them, not from the constants the machines use: a wrong
 * severity there must not go unseen because the invariants share it.
 */
export const isFailure = (hr: HResultName): boolean => typeof hr !== 'string' || (hr !== 'S_OK' && !hr.startsWith('MAPI_W_'));
export const profileOf = (state: Pick<MapiSubsystemState, 'profiles'>, name: string): Profile | undefined =>
  state.profiles.find((p) => sameName(p.name, name));

/** C-R5, C-R7: the failures a service's answers count (any error but MAPI_E_FAILONEPROVIDER). */
export const countedFailures = (hrs: readonly HResultName[]) => hrs.filter((hr) => isFailure(hr) && hr !== FAILONE).length;

/** C-R5: the retry offered at C6 was declined (C6 straight to C7 in the service's path). */
export const retryDeclined = (path: readonly string[]) => path.some((n, i) => n === 'C6' && path[i + 1] === 'C7');

/** C-R5, C-R6, C-R7 and the provider record's own consistency (section 8), for one service of one session. */
export function serviceViolations(where: string, service: ServiceRecord): Violation[] {
  const v: Violation[] = [];
  const at = `${where} service ${service.name}`;
  let failures = 0;
  // SPEC 8: the states a service and a provider can be in.
  if (service.state !== 'enabled' && service.state !== 'disabled') v.push({ rule: 'SPEC-8', message: `${at}: state ${json(service.state)}` });
  for (const p of service.providers) {
    const pat = `${at} provider ${p.name}`;
    if (!PROVIDER_STATES.includes(p.state)) v.push({ rule: 'SPEC-8', message: `${pat}: state ${json(p.state)}` });
    if (p.attempts !== p.hrs.length) v.push({ rule: 'SPEC-8', message: `${pat}: ${p.attempts} attempts but ${p.hrs.length} answers` });
    if ((p.hrs.at(-1) ?? null) !== p.hr) v.push({ rule: 'SPEC-8', message: `${pat}: hr ${p.hr} is not its last answer ${p.hrs.at(-1)}` });
    failures += countedFailures(p.hrs);
    if (p.state === 'loggedOn' && (p.hr === null || isFailure(p.hr))) v.push({ rule: 'C-R5', message: `${pat}: logged on with answer ${p.hr}` });
    if (p.state === 'skipped' && p.hr !== FAILONE) v.push({ rule: 'C-R7', message: `${pat}: skipped after ${p.hr}, not MAPI_E_FAILONEPROVIDER` });
    if (p.state === 'notStarted' && p.attempts !== 0) v.push({ rule: 'SPEC-8', message: `${pat}: notStarted after ${p.attempts} attempts` });
    if (service.state === 'disabled' && p.state !== 'disabled') v.push({ rule: 'C-R6', message: `${pat}: ${p.state} in a disabled service` });
    if (service.state === 'enabled' && p.state === 'disabled') v.push({ rule: 'C-R6', message: `${pat}: disabled in an enabled service` });
  }
  if (service.failures !== failures) {
    v.push({ rule: 'C-R7', message: `${at}: failures ${service.failures}, but its answers count ${failures} (MAPI_E_FAILONEPROVIDER never counts)` });
  }
  if (failures > 2) v.push({ rule: 'C-R5', message: `${at}: ${failures} failures (the second disables the service)` });
  if (failures >= 2 && service.state !== 'disabled') v.push({ rule: 'C-R5', message: `${at}: enabled after ${failures} failures` });
  if (service.state === 'disabled' && failures < 2 && !(failures === 1 && retryDeclined(service.path))) {
    v.push({ rule: 'C-R5', message: `${at}: disabled after ${failures} failure(s) without a declined retry` });
  }
  return v;
}

/** Flowchart B (section 4): the 14 edges of the drawing, and B-R1's extension edge B2 no → B6. */
const B_EDGES = new Set(['B1>B2', 'B2>B3', 'B3>B4', 'B4>B5', 'B4>B6', 'B6>B7', 'B6>B8', 'B8>B9', 'B9>B10', 'B9>B11', 'B11>B12', 'B11>B13', 'B13>B14', 'B13>B8', 'B2>B6']);
/** Flowchart B's ends and what each returns; B5 and B10 (S_OK) hand over to the provider's own answer (B-R4). */
const B_ENDS: Readonly<Record<string, HResultName | null>> = { B5: null, B10: null, B7: 'MAPI_E_UNCONFIGURED', B12: 'MAPI_E_UNCONFIGURED', B14: 'MAPI_E_USER_CANCEL' };

/**
 * Section 4 and SPEC 8: each attempt's path walks flowchart B from B1 along its edges to an end,
 * and the attempt answered what that end returns. B2 is yes exactly for a provider that stores its
 * configuration in the profile; B6 (B-R2) is yes exactly when UI is allowed (`uiAllowed`, when known).
 */
export function providerPathViolations(at: string, p: ProviderRecord, storesConfig: boolean | undefined, uiAllowed: boolean | null): Violation[] {
  const v: Violation[] = [];
  if (p.paths.length !== p.attempts) v.push({ rule: 'SPEC-8', message: `${at}: ${p.attempts} attempts but ${p.paths.length} flowchart B paths` });
  p.paths.forEach((path, i) => {
    if (!Array.isArray(path)) {
      v.push({ rule: 'SPEC-8', message: `${at} attempt ${i + 1}: its path is ${json(path)}, not a list of flowchart B nodes` });
      return;
    }
    const where = `${at} attempt ${i + 1} (path ${path.join(' ')})`;
    if (path[0] !== 'B1') v.push({ rule: 'SPEC-8', message: `${where}: does not start at B1` });
    for (let j = 1; j < path.length; j++) {
      const [from, to] = [path[j - 1]!, path[j]!];
      if (!B_EDGES.has(`${from}>${to}`)) v.push({ rule: 'SPEC-8', message: `${where}: ${from} → ${to} is no edge of flowchart B` });
      if (from === 'B2' && storesConfig !== undefined && (to === 'B3') !== storesConfig) {
        v.push({ rule: 'B-R1', message: `${where}: B2 answered ${to === 'B3' ? 'yes' : 'no'} for a provider with storesConfig ${storesConfig}` });
      }
      if (from === 'B6' && uiAllowed !== null && (to === 'B8') !== uiAllowed) {
        v.push({ rule: 'B-R2', message: `${where}: B6 answered ${to === 'B8' ? 'yes' : 'no'} on a logon with UI allowed ${uiAllowed}` });
      }
    }
    const end = path.at(-1) ?? '';
    if (!(end in B_ENDS)) v.push({ rule: 'SPEC-8', message: `${where}: ends at ${end || 'nothing'}, not at an end of flowchart B` });
    else if (B_ENDS[end] !== null && p.hrs[i] !== B_ENDS[end]) v.push({ rule: 'SPEC-8', message: `${where}: ends at ${end} but answered ${p.hrs[i]}, not ${B_ENDS[end]}` });
  });
  return v;
}

/**
 * Flowchart C (section 3) as SPEC 8 writes a service's path: C1 (then C2 exactly with
 * MAPI_SERVICE_UI_ALWAYS, C-R1), one C3 per provider attempt followed by C5 for
 * MAPI_E_FAILONEPROVIDER (C-R7), C4 (MAPI_E_UNCONFIGURED) or C6 at the service's first failure and
 * then a retry of that provider (C6 may be declined: C7), C7 at the second (C-R5); C8 each time the
 * service, still enabled, has tried every provider it was asked to log on. The attempts are read in
 * the order they happen (C-R2: address books, stores, transports, each in profile order; a retry
 * follows its attempt). Between calls an enabled service ends with C8, a disabled one with C7.
 */
export function servicePathViolations(at: string, service: ServiceRecord, serviceUiAlways: boolean | null, creatorNoMail: boolean | null = null): Violation[] {
  const v: Violation[] = [];
  const path = service.path;
  const where = `${at} service ${service.name} (path ${path.join(' ')})`;
  const answers = KIND_ORDER.flatMap((k) => service.providers.filter((p) => p.kind === k).flatMap((p) => p.hrs.map((hr) => ({ provider: p.name, hr }))));
  if (path[0] !== 'C1') v.push({ rule: 'SPEC-8', message: `${where}: does not start with C1` });
  let i = 1;
  if (path[1] === 'C2') i = 2;
  if (serviceUiAlways !== null && (i === 2) !== serviceUiAlways) {
    v.push({ rule: 'C-R1', message: `${where}: C2 ${i === 2 ? 'shown' : 'not shown'} on a logon ${serviceUiAlways ? 'with' : 'without'} MAPI_SERVICE_UI_ALWAYS` });
  }
  let k = 0;
  let failures = 0;
  /** The nodes the drawing allows next; null: C3, C8 (not twice in a row: D-R1 starts the spooler once) or the end. */
  let next: string[] | null = null;
  let retryOf: string | null = null;
  for (; i < path.length; i++) {
    const node = path[i]!;
    const prev = path[i - 1];
    if (next !== null && !next.includes(node)) {
      v.push({ rule: 'SPEC-8', message: `${where}: ${node} after ${prev}, expected ${next.join(' or ')}` });
      return v;
    }
    if (next === null && node !== 'C3' && !(node === 'C8' && prev !== 'C8')) {
      v.push({ rule: node === 'C8' ? 'D-R1' : 'SPEC-8', message: `${where}: ${node} after ${prev}` });
      return v;
    }
    next = null;
    if (node === 'C3') {
      const a = answers[k++];
      if (!a) {
        v.push({ rule: 'SPEC-8', message: `${where}: more C3 than the ${answers.length} provider attempts` });
        return v;
      }
      // A C8 before the end: the logon (MAPI_NO_MAIL) left the transports to a later spooler start (C-R3, A-R9).
      if (path.lastIndexOf('C8', i) >= 0) {
        const kind = service.providers.find((p) => p.name === a.provider)?.kind;
        if (creatorNoMail === false || kind !== 'transport') {
          v.push({ rule: 'SPEC-8', message: `${where}: ${kind} ${a.provider} called after C8${creatorNoMail === false ? ' of a logon without MAPI_NO_MAIL' : ''}` });
          return v;
        }
      }
      if (retryOf !== null && a.provider !== retryOf) v.push({ rule: 'C-R5', message: `${where}: the retry after ${retryOf}'s failure called ${a.provider}` });
      retryOf = null;
      if (!isFailure(a.hr)) continue;
      if (a.hr === FAILONE) next = ['C5'];
      else if (++failures >= 2) next = ['C7'];
      else next = [a.hr === 'MAPI_E_UNCONFIGURED' ? 'C4' : 'C6'];
      if (next[0] === 'C4' || next[0] === 'C6') retryOf = a.provider;
    } else if (node === 'C4') next = ['C3'];
    else if (node === 'C6') next = ['C3', 'C7'];
    else if (node === 'C7') next = [];
  }
  if (next !== null && next.length > 0) v.push({ rule: 'SPEC-8', message: `${where}: ends after ${path.at(-1)}, expected ${next.join(' or ')}` });
  if (k !== answers.length) v.push({ rule: 'SPEC-8', message: `${where}: ${k} C3 for ${answers.length} provider attempts` });
  const last = path.at(-1);
  if (service.state === 'enabled' && last !== 'C8') v.push({ rule: 'SPEC-8', message: `${where}: enabled, but its path ends with ${last}, not C8` });
  if (service.state === 'disabled' && last !== 'C7') v.push({ rule: 'C-R5', message: `${where}: disabled, but its path ends with ${last}, not C7` });
  return v;
}

/** The providers logged on now, in profile order (T-R3): services in order, providers in order. */
export function loggedOnNow(session: Pick<LiveSessionState, 'services'>) {
  return session.services.flatMap((s) => s.providers.filter((p) => p.state === 'loggedOn').map((p) => ({ service: s.name, provider: p })));
}

/** D-R4: address books, then stores, then transports, each in profile order. */
export function expectedLogoffOrder(session: Pick<LiveSessionState, 'services'>): string[] {
  const on = loggedOnNow(session);
  return KIND_ORDER.flatMap((k) => on.filter((x) => x.provider.kind === k).map((x) => x.provider.name));
}

function providerDef(profile: Profile | undefined, service: string, provider: string) {
  return profile?.services.find((s) => s.name === service)?.providers.find((p) => p.name === provider);
}

export interface ExpectedRow {
  name: string;
  kind: string;
  service: string | null;
  status: 'STATUS_AVAILABLE' | 'STATUS_FAILURE';
  statusCode: number;
  resourceType: string;
  resourceTypeValue: number;
  primaryIdentity: boolean;
}

const RESOURCE: Record<string, [string, number]> = {
  subsystem: ['MAPI_SUBSYSTEM', 39],
  spooler: ['MAPI_SPOOLER', 37],
  integratedAddressBook: ['MAPI_AB', 34],
  addressBook: ['MAPI_AB_PROVIDER', 35],
  store: ['MAPI_STORE_PROVIDER', 33],
  transport: ['MAPI_TRANSPORT_PROVIDER', 36],
};

function row(name: string, kind: string, service: string | null, available: boolean, primaryIdentity: boolean): ExpectedRow {
  const [resourceType, resourceTypeValue] = RESOURCE[kind]!;
  return {
    name,
    kind,
    service,
    status: available ? 'STATUS_AVAILABLE' : 'STATUS_FAILURE',
    statusCode: available ? 1 : 4,
    resourceType,
    resourceTypeValue,
    primaryIdentity,
  };
}

/** T-R1…T-R4: the rows a session's status table must have. */
export function expectedStatusRows(session: LiveSessionState, profile: Profile | undefined): ExpectedRow[] {
  const rows = [
    row(profile?.name ?? session.profile, 'subsystem', null, true, false),
    row('MAPI Spooler', 'spooler', null, session.spooler === 'told', false),
    row('MAPI Address Book', 'integratedAddressBook', null, true, false),
  ];
  for (const { service, provider } of loggedOnNow(session)) {
    const def = providerDef(profile, service, provider.name);
    rows.push(row(provider.name, provider.kind, service, true, def?.primaryIdentity === true));
  }
  return rows;
}

/** D-R3: the first primary identity that supplies one, else the first logged-on provider that does. */
export function expectedIdentity(session: LiveSessionState, profile: Profile | undefined) {
  const candidates = loggedOnNow(session)
    .map((x) => ({ ...x, def: providerDef(profile, x.service, x.provider.name) }))
    .filter((x) => typeof x.def?.identity === 'string');
  const chosen = candidates.find((x) => x.def!.primaryIdentity) ?? candidates[0];
  return chosen ? { provider: chosen.provider.name, service: chosen.service, display: chosen.def!.identity! } : null;
}

/** What a session's creator and joiners asked for (A-R9, C-R2, C-R3): the flags of every client's logon. */
export type SessionFlags = ReadonlyMap<string, readonly number[]>;

/**
 * Invariants of the subsystem's state between calls: S-R1 (nothing left at count zero), S-R2 and
 * S-R4 (holdings), A-R7 (one shared session), M-R1 (the mutex is free between calls), C-R9 (limits),
 * C-R3/A-R9 (the spooler), C-R2 (who called the transports), and every service's record.
 */
export function stateViolations(state: MapiSubsystemState, flags?: SessionFlags): Violation[] {
  const v: Violation[] = [];
  if (state.initCount < 0) v.push({ rule: 'S-R1', message: `initCount ${state.initCount} below zero` });
  if (state.initialized !== state.initCount > 0) v.push({ rule: 'S-R1', message: `initialized ${state.initialized} at count ${state.initCount}` });
  if (state.initCount === 0 && (state.sessions.length > 0 || state.holdings.length > 0 || state.shared !== null)) {
    v.push({ rule: 'S-R1', message: `count zero but ${state.sessions.length} live session(s), ${state.holdings.length} holding(s) left` });
  }
  if (state.logonRunning || state.logonsWaiting > 0) {
    v.push({ rule: 'M-R1', message: `between calls the logon mutex is ${state.logonRunning ? 'held' : 'free'} with ${state.logonsWaiting} waiting` });
  }
  const ids = new Set(state.sessions.map((s) => s.id));
  const holders = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const [client, session] of state.holdings) {
    if (seen.has(client)) v.push({ rule: 'S-R4', message: `client ${client} holds two sessions` });
    seen.add(client);
    if (!ids.has(session)) v.push({ rule: 'D-R5', message: `client ${client} holds ${session}, which is not live` });
    holders.set(session, [...(holders.get(session) ?? []), client]);
  }
  const shared = state.sessions.filter((s) => s.shared);
  if (shared.length > 1) v.push({ rule: 'A-R7', message: `${shared.length} shared sessions live` });
  if ((shared[0]?.id ?? null) !== state.shared) v.push({ rule: 'A-R7', message: `the shared session is ${state.shared}, the live shared one ${shared[0]?.id ?? null}` });
  for (const s of state.sessions) {
    const held = (holders.get(s.id) ?? []).slice().sort();
    if (JSON.stringify(held) !== JSON.stringify(s.clients.slice().sort())) {
      v.push({ rule: 'S-R2', message: `${s.id}: clients [${s.clients}] but held by [${held}]` });
    }
    if (s.clients.length === 0) v.push({ rule: 'S-R2', message: `${s.id}: live with no client` });
    if (!s.shared && s.clients.length > 1) v.push({ rule: 'S-R2', message: `${s.id}: individual session held by ${s.clients.length} clients` });
    const profile = profileOf(state, s.profile);
    if (!profile) v.push({ rule: 'A-R2', message: `${s.id}: profile ${s.profile} does not exist` });
    // A-R5, C-R2: a session has every message service of its profile, each with its providers, and
    // its logon called every address book and store provider (a disabled service's are disabled).
    const shape = (svcs: ReadonlyArray<{ name: string; providers: ReadonlyArray<{ name: string; kind: string }> }>) =>
      svcs.map((x) => [x.name, x.providers.map((p) => [p.name, p.kind])]);
    if (profile && !plainEqual(shape(s.services), shape(profile.services))) {
      v.push({ rule: 'A-R5', message: `${s.id}: services ${json(shape(s.services))}, but profile ${profile.name} has ${json(shape(profile.services))}` });
    }
    for (const svc of s.services) {
      for (const p of svc.providers) {
        if (p.kind !== 'transport' && p.state === 'notStarted') v.push({ rule: 'C-R2', message: `${s.id}: ${p.kind} ${p.name} of ${svc.name} never called by the logon` });
      }
    }
    for (const svc of s.services) v.push(...serviceViolations(s.id, svc));
    const transports = s.services.flatMap((svc) => svc.providers.filter((p) => p.kind === 'transport'));
    if (s.spooler === 'notTold' && transports.some((p) => p.attempts > 0)) {
      v.push({ rule: 'C-R3', message: `${s.id}: a transport was called while the spooler was never told` });
    }
    for (const svc of s.services) {
      for (const p of svc.providers) {
        if (p.kind !== 'transport' && p.phase === 'spooler') v.push({ rule: 'C-R2', message: `${s.id}: ${p.kind} ${p.name} called by the spooler` });
      }
    }
    // D-R1, C-R2: once the spooler is told its start (D2) has called every transport (between
    // calls it is over), unless MAPI_FORCE_DOWNLOAD had them log on inside the logon already.
    if (s.spooler === 'told') {
      for (const p of transports) if (p.state === 'notStarted') v.push({ rule: 'D-R1', message: `${s.id}: transport ${p.name} never called, but the spooler was told` });
    }
    // SPEC 8: a provider's phase says who called it: null never, else "logon" or "spooler".
    for (const svc of s.services) {
      for (const p of svc.providers) {
        if ((p.attempts === 0) !== (p.phase === null) || (p.phase !== null && p.phase !== 'logon' && p.phase !== 'spooler')) {
          v.push({ rule: 'SPEC-8', message: `${s.id}: ${p.kind} ${p.name} has phase ${json(p.phase)} after ${p.attempts} attempt(s)` });
        }
      }
    }
    const all = flags?.get(s.id);
    const creatorFlags = all?.[0];
    // The call whose flags a spooler start ran with (C-R4): the first logon without MAPI_NO_MAIL (A-R9).
    const tellerFlags = all?.find((f) => (f & MAPI_NO_MAIL) === 0);
    s.services.forEach((svc, si) => {
      const def = profile?.services[si];
      v.push(
        ...servicePathViolations(
          s.id,
          svc,
          creatorFlags === undefined ? null : (creatorFlags & MAPI_SERVICE_UI_ALWAYS) !== 0,
          creatorFlags === undefined ? null : (creatorFlags & MAPI_NO_MAIL) !== 0,
        ),
      );
      for (const p of svc.providers) {
        const flagsOf = p.phase === 'spooler' ? tellerFlags : creatorFlags;
        const ui = flagsOf === undefined ? null : (flagsOf & MAPI_LOGON_UI) !== 0;
        v.push(...providerPathViolations(`${s.id} ${svc.name}/${p.name}`, p, def?.providers.find((x) => x.name === p.name)?.storesConfig, ui));
      }
    });
    if (all) {
      const told = all.some((f) => (f & MAPI_NO_MAIL) === 0);
      if (told !== (s.spooler === 'told')) v.push({ rule: 'A-R9', message: `${s.id}: spooler ${s.spooler} after logons with flags [${all.map((f) => f.toString(16))}]` });
      const creator = all[0]!;
      const inLogon = (creator & MAPI_FORCE_DOWNLOAD) !== 0 && (creator & MAPI_NO_MAIL) === 0;
      for (const p of transports) {
        if (p.phase === 'logon' && !inLogon) v.push({ rule: 'C-R2', message: `${s.id}: transport ${p.name} logged on inside MAPILogonEx without MAPI_FORCE_DOWNLOAD` });
        if (p.phase === 'spooler' && inLogon) v.push({ rule: 'D-R1', message: `${s.id}: transport ${p.name} started by the spooler after MAPI_FORCE_DOWNLOAD` });
        if (p.attempts > 0 && p.phase !== (inLogon ? 'logon' : 'spooler')) v.push({ rule: 'C-R2', message: `${s.id}: transport ${p.name} has phase ${json(p.phase)}, expected ${inLogon ? 'logon' : 'spooler'}` });
      }
    }
  }
  // C-R9: a provider with limit n is logged on in at most n live sessions.
  for (const profile of state.profiles) {
    for (const svc of profile.services) {
      for (const pr of svc.providers) {
        if (pr.sessionLimit === undefined || pr.sessionLimit === null) continue;
        const n = countHolding(state, profile.name, svc.name, pr.name, null);
        if (n > pr.sessionLimit) v.push({ rule: 'C-R9', message: `${profile.name}/${svc.name}/${pr.name}: logged on in ${n} sessions, limit ${pr.sessionLimit}` });
      }
    }
  }
  return v;
}

/** C-R9: live sessions other than `except` that have the provider logged on. */
export function countHolding(state: MapiSubsystemState, profile: string, service: string, provider: string, except: string | null): number {
  return state.sessions.filter(
    (s) =>
      s.id !== except &&
      sameName(s.profile, profile) &&
      s.services.some((x) => x.name === service && x.providers.some((p) => p.name === provider && p.state === 'loggedOn')),
  ).length;
}

/** What the app saw during one call. `session` is the live session (null inside MAPILogonEx). */
export type CallbackEvent =
  | {
      type: 'logon';
      session: string | null;
      phase: ProviderPhase;
      profile: string;
      service: string;
      provider: string;
      kind: ProviderKind;
      uiAllowed: boolean;
      noDialogFlag: number;
      logonFlags: number;
      answer: HResultName;
    }
  | { type: 'logoff'; session: string | null; service: string; provider: string }
  | { type: 'dialog'; kind: DialogKind; session: string | null; service: string | null; provider?: string | null; flags: number | null; answer: string };

export type ObservedCall =
  | { op: 'initialize'; reply: { hr: string; initCount: number } }
  | { op: 'uninitialize'; reply: { hr: string; initCount: number; endedSessions: Array<{ session: string; loggedOff: string[] }> } }
  | {
      op: 'logon';
      client: string;
      flags: number;
      profileName: string | null;
      /** `profile`: the profile chosen (or the shared session's); `path`: the flowchart A nodes the logon visited; `dialogs`: the kinds of the dialogs it showed, in order (SPEC 8). */
      reply: {
        hr: string;
        session: string | null;
        shared: boolean;
        profile: string | null;
        services: ServiceRecord[];
        spooler: string | null;
        path: string[];
        dialogs: string[];
      };
    }
  | { op: 'logoff'; client: string; session: string; flags: number; reply: { hr: string; ended: boolean; loggedOff: string[]; notified: string[] } }
  | { op: 'statusTable'; client: string; session: string; reply: { hr: string; rows: unknown[] } }
  | { op: 'queryIdentity'; client: string; session: string; reply: { hr: string; identity: unknown } };

/** One call as the checker (or a property) saw it: the state before and after, and the callbacks. */
export interface CallObservation {
  call: ObservedCall;
  pre: MapiSubsystemState;
  post: MapiSubsystemState;
  events: readonly CallbackEvent[];
}

const json = (x: unknown) => JSON.stringify(x);
/** The state as far as a call that must change nothing may not change it. */
const sameCore = (a: MapiSubsystemState, b: MapiSubsystemState) => plainEqual({ ...a, nextSession: 0 }, { ...b, nextSession: 0 });

/** S-R1, S-R2, S-R4, V-R: the replies and state changes of each call, and what the app saw during it. */
export function callViolations(o: CallObservation): Violation[] {
  const { call, pre, post, events } = o;
  const v: Violation[] = [];
  const unchanged = (rule: string, why: string) => {
    if (!sameCore(pre, post)) v.push({ rule, message: `${call.op} ${why} changed the subsystem's state` });
    if (events.length > 0) v.push({ rule, message: `${call.op} ${why} called the app (${events[0]!.type})` });
  };
  const expectHr = (rule: string, hr: string) => {
    if (call.reply.hr !== hr) v.push({ rule, message: `${call.op}${'client' in call ? ` by ${call.client}` : ''} answered ${call.reply.hr}, expected ${hr}` });
  };
  if (call.op === 'initialize') {
    expectHr('S-R1', 'S_OK');
    if (call.reply.initCount !== pre.initCount + 1 || post.initCount !== pre.initCount + 1) {
      v.push({ rule: 'S-R1', message: `initialize at count ${pre.initCount} left count ${post.initCount} (reply ${call.reply.initCount})` });
    }
    if (!plainEqual(pre.sessions, post.sessions)) v.push({ rule: 'S-R1', message: 'initialize changed the live sessions' });
    return v;
  }
  if (call.op === 'uninitialize') {
    expectHr('S-R1', 'S_OK');
    const count = Math.max(0, pre.initCount - 1);
    if (call.reply.initCount !== count || post.initCount !== count) {
      v.push({ rule: 'S-R1', message: `uninitialize at count ${pre.initCount} left count ${post.initCount} (reply ${call.reply.initCount}), expected ${count}` });
    }
    const last = pre.initCount === 1;
    const expected = last ? pre.sessions.map((s) => ({ session: s.id, loggedOff: expectedLogoffOrder(s) })) : [];
    if (!plainEqual(call.reply.endedSessions, expected)) {
      v.push({ rule: last ? 'D-R4' : 'S-R1', message: `uninitialize at count ${pre.initCount} ended ${json(call.reply.endedSessions)}, expected ${json(expected)}` });
    }
    if (!last && !plainEqual(pre.sessions, post.sessions)) v.push({ rule: 'S-R1', message: `uninitialize at count ${pre.initCount} changed the live sessions` });
    v.push(...balance(o, last ? pre.sessions.map((s) => s.id) : []));
    return v;
  }
  // S-R1: at count zero every other call answers MAPI_E_NOT_INITIALIZED and changes nothing.
  if (pre.initCount === 0) {
    expectHr('S-R1', 'MAPI_E_NOT_INITIALIZED');
    unchanged('S-R1', 'at count zero');
    return v;
  }
  if (call.op === 'logon') return [...v, ...logonViolations(o, call)];
  const live = pre.sessions.find((s) => s.id === call.session);
  if (!live || !pre.holdings.some(([c, s]) => c === call.client && s === call.session)) {
    expectHr('S-R2', 'MAPI_E_INVALID_OBJECT');
    unchanged('S-R2', `on ${call.session}, which ${call.client} no longer holds,`);
    return v;
  }
  const profile = profileOf(pre, live.profile);
  if (call.op === 'statusTable') {
    expectHr('T-R1', 'S_OK');
    const want = expectedStatusRows(live, profile);
    if (!plainEqual(call.reply.rows, want)) {
      // The first row that differs, not the whole table.
      const i = Array.from({ length: Math.max(want.length, call.reply.rows.length) }, (_, k) => k).find((k) => !plainEqual(call.reply.rows[k], want[k]))!;
      v.push({ rule: 'T-R1', message: `status table of ${live.id}, row ${i + 1} of ${call.reply.rows.length}: ${json(call.reply.rows[i]) ?? 'none'}, expected ${json(want[i]) ?? 'none'} (${want.length} rows)` });
    }
    unchanged('T-R1', 'of the status table');
    return v;
  }
  if (call.op === 'queryIdentity') {
    const want = expectedIdentity(live, profile);
    expectHr('D-R3', want ? 'S_OK' : 'MAPI_W_NO_SERVICE');
    if (!plainEqual(call.reply.identity, want)) v.push({ rule: 'D-R3', message: `identity of ${live.id}: ${json(call.reply.identity)}, expected ${json(want)}` });
    if (events.length > 0) v.push({ rule: 'D-R3', message: 'QueryIdentity called the app' });
    return v;
  }
  // S-R2: logoff.
  expectHr('S-R2', 'S_OK');
  const sharedLogoff = (call.flags & MAPI_LOGOFF_SHARED) !== 0;
  const ends = !live.shared || sharedLogoff || live.clients.every((c) => c === call.client);
  const notified = live.shared && sharedLogoff ? live.clients.filter((c) => c !== call.client) : [];
  if (call.reply.ended !== ends) v.push({ rule: 'S-R2', message: `logoff by ${call.client} of ${live.id} (clients [${live.clients}], shared ${live.shared}) ended ${call.reply.ended}, expected ${ends}` });
  if (!plainEqual(call.reply.notified, notified)) v.push({ rule: 'S-R2', message: `logoff by ${call.client} notified [${call.reply.notified}], expected [${notified}]` });
  const loggedOff = ends ? expectedLogoffOrder(live) : [];
  if (!plainEqual(call.reply.loggedOff, loggedOff)) v.push({ rule: 'D-R4', message: `logoff of ${live.id} logged off [${call.reply.loggedOff}], expected [${loggedOff}]` });
  const after = post.sessions.find((s) => s.id === live.id);
  if (ends) {
    if (after) v.push({ rule: 'D-R5', message: `${live.id} still live after its logoff ended it` });
    if (post.holdings.some(([, s]) => s === live.id)) v.push({ rule: 'S-R2', message: `${live.id} still held after it ended` });
    if (pre.shared === live.id && post.shared !== null) v.push({ rule: 'S-R2', message: `shared session ${post.shared} after the shared one ended` });
  } else if (!after || !plainEqual(after.clients, live.clients.filter((c) => c !== call.client)) || !plainEqual(after.services, live.services)) {
    v.push({ rule: 'S-R2', message: `logoff by ${call.client} of ${live.id}, which goes on, left clients ${json(after?.clients)}` });
  }
  if (!plainEqual(pre.sessions.filter((s) => s.id !== live.id), post.sessions.filter((s) => s.id !== live.id))) {
    v.push({ rule: 'S-R2', message: `logoff of ${live.id} changed another session` });
  }
  v.push(...balance(o, ends ? [live.id] : []));
  return v;
}

function logonViolations(o: CallObservation, call: Extract<ObservedCall, { op: 'logon' }>): Violation[] {
  const { pre, post, events } = o;
  const v: Violation[] = [];
  const held = pre.holdings.find(([c]) => c === call.client);
  if (held) {
    if (call.reply.hr !== 'MAPI_E_INVALID_PARAMETER') v.push({ rule: 'S-R4', message: `logon by ${call.client}, who holds ${held[1]}, answered ${call.reply.hr}` });
    if (!sameCore(pre, post) || events.length > 0) v.push({ rule: 'S-R4', message: `a refused logon by ${call.client} changed something` });
    return v;
  }
  const ui = (call.flags & MAPI_LOGON_UI) !== 0;
  // C-R4: service and provider dialogs only with MAPI_LOGON_UI (C2 only with MAPI_SERVICE_UI_ALWAYS).
  for (const e of events) {
    if (e.type !== 'dialog') continue;
    const c2 = e.kind === 'serviceConfig' && e.flags !== null && (call.flags & MAPI_SERVICE_UI_ALWAYS) !== 0;
    if ((e.kind === 'serviceConfig' || e.kind === 'providerConfig' || e.kind === 'retry') && !ui && !c2) {
      v.push({ rule: 'C-R4', message: `${e.kind} dialog shown for ${e.service} without MAPI_LOGON_UI` });
    }
  }
  for (const e of events) {
    if (e.type !== 'logon') continue;
    if (e.uiAllowed !== ui) v.push({ rule: 'C-R4', message: `${e.provider} told UI allowed ${e.uiAllowed} on a logon with MAPI_LOGON_UI ${ui}` });
    // C-R4: without UI the provider's logon carries its kind's no-dialog flag.
    const noDialog = ui ? 0 : NO_DIALOG_FLAG[e.kind];
    if (e.noDialogFlag !== noDialog || (e.logonFlags & NO_DIALOG_FLAG[e.kind]) !== noDialog) {
      v.push({ rule: 'C-R4', message: `${e.kind} ${e.provider} called with no-dialog flag ${e.noDialogFlag} (logon flags ${e.logonFlags}) on a logon with MAPI_LOGON_UI ${ui}` });
    }
  }
  v.push(...flowchartAViolations(o, call));
  // B-R3, C-R1: configuration a dialog completed stays in the profile, for later sessions too.
  const profileName = post.sessions.find((s) => s.id === call.reply.session)?.profile;
  const profile = profileName === undefined ? undefined : profileOf(post, profileName);
  for (const e of events) {
    if (e.type !== 'dialog' || e.answer !== 'complete' || !profile || e.service === null) continue;
    const svc = profile.services.find((s) => s.name === e.service);
    const providers = e.kind === 'serviceConfig' ? svc?.providers ?? [] : svc?.providers.filter((p) => p.name === e.provider) ?? [];
    for (const p of providers) {
      if (!p.configured) v.push({ rule: e.kind === 'serviceConfig' ? 'C-R1' : 'B-R3', message: `${e.kind} completed for ${e.service}/${p.name}, which the profile keeps unconfigured` });
    }
  }
  const id = call.reply.session;
  if (call.reply.hr !== 'S_OK' || id === null) {
    if (call.reply.session !== null) v.push({ rule: 'SPEC-8', message: `failed logon returned session ${id}` });
    // SPEC 8: a logon that ends before A11 has no services, and a failed one no spooler.
    if (call.reply.services.length > 0 || call.reply.spooler !== null) {
      v.push({ rule: 'SPEC-8', message: `logon failed with ${call.reply.hr} but lists ${call.reply.services.length} service(s) and spooler ${call.reply.spooler}` });
    }
    if (!plainEqual(pre.sessions, post.sessions)) v.push({ rule: 'A-R5', message: `a logon that failed with ${call.reply.hr} changed the live sessions` });
    v.push(...balance(o, []));
    return v;
  }
  const after = post.sessions.find((s) => s.id === id);
  if (!after) {
    v.push({ rule: 'A-R5', message: `logon returned ${id}, which is not live` });
    return v;
  }
  if (!post.holdings.some(([c, s]) => c === call.client && s === id)) v.push({ rule: 'S-R4', message: `${call.client} does not hold ${id} after its logon` });
  const before = pre.sessions.find((s) => s.id === id);
  // C-R2: inside MAPILogonEx address books, then stores, then transports.
  const inLogon = events.filter((e): e is Extract<CallbackEvent, { type: 'logon' }> => e.type === 'logon' && e.phase === 'logon');
  inLogon.forEach((e, i) => {
    const prev = inLogon[i - 1];
    if (prev && KIND_ORDER.indexOf(prev.kind) > KIND_ORDER.indexOf(e.kind)) v.push({ rule: 'C-R2', message: `${e.kind} ${e.provider} logged on after ${prev.kind} ${prev.provider}` });
  });
  if (!before && (call.flags & MAPI_SERVICE_UI_ALWAYS) !== 0) {
    // C-R1, C-R4: MAPI_SERVICE_UI_ALWAYS shows every service's configuration dialog (C2), with or
    // without MAPI_LOGON_UI, before any provider logs on.
    const firstLogon = events.findIndex((e) => e.type === 'logon');
    const early = (firstLogon < 0 ? events : events.slice(0, firstLogon)).filter((e) => e.type === 'dialog' && e.kind === 'serviceConfig').map((e) => (e as { service: string | null }).service);
    const services = after.services.map((svc) => svc.name);
    if (!plainEqual(early, services)) v.push({ rule: 'C-R1', message: `a logon with MAPI_SERVICE_UI_ALWAYS showed C2 for [${early}] before the providers, expected [${services}]` });
  }
  if (before) {
    // A3, A-R1: a join returns the shared session and logs no provider on inside MAPILogonEx.
    if (pre.shared !== id || !call.reply.shared) v.push({ rule: 'A-R1', message: `logon by ${call.client} joined ${id}, which is not the shared session ${pre.shared}` });
    if (inLogon.length > 0) v.push({ rule: 'A-R1', message: `a join logged on ${inLogon[0]!.provider} inside MAPILogonEx` });
    if (events.some((e) => e.type === 'dialog' && (e.kind === 'profilePicker' || e.kind === 'password'))) v.push({ rule: 'A-R1', message: 'a join showed a logon dialog' });
    if (!plainEqual(after.clients, [...before.clients, call.client])) v.push({ rule: 'A-R1', message: `join by ${call.client} left clients [${after.clients}]` });
  } else if (call.reply.shared !== (after.shared && post.shared === id)) {
    v.push({ rule: 'A-R7', message: `new session ${id} reported shared ${call.reply.shared}` });
  }
  if ((call.flags & MAPI_NO_MAIL) !== 0 && !before && after.spooler !== 'notTold') v.push({ rule: 'C-R3', message: `${id} made with MAPI_NO_MAIL has spooler ${after.spooler}` });
  // SPEC 8: the logon lists the session's services once its spooler start is over; a join lists
  // the services whose transports its spooler start called (each with all its providers), or none.
  const started = (svc: ServiceRecord, si: number) =>
    svc.providers.some((p, pi) => p.kind === 'transport' && p.attempts > (before?.services[si]?.providers[pi]?.attempts ?? 0));
  const listed = before ? after.services.filter(started) : after.services;
  if (!plainEqual(call.reply.services, listed)) {
    v.push({ rule: 'SPEC-8', message: `logon by ${call.client} lists services [${call.reply.services.map((s) => s.name)}] unlike the session's [${listed.map((s) => s.name)}] after it` });
  }
  if (call.reply.spooler !== after.spooler) v.push({ rule: 'SPEC-8', message: `logon by ${call.client} reports spooler ${call.reply.spooler}, the session has ${after.spooler}` });
  for (const s of pre.sessions) {
    const now = post.sessions.find((x) => x.id === s.id);
    if (s.id !== id && !plainEqual(now, s)) v.push({ rule: 'S-R3', message: `logon by ${call.client} changed another session ${s.id}` });
  }
  v.push(...limitViolations(o, id));
  v.push(...flowchartBViolations(o, id));
  v.push(...serviceDialogViolations(o, id, ui));
  v.push(...disabledCalls(o, id));
  v.push(...balance(o, []));
  return v;
}

/** B5 and B10 are flowchart B's S_OK: only then is the provider's own logon called (B-R4, C-R9). */
const passedB = (path: readonly string[] | undefined) => path !== undefined && (path.includes('B5') || path.includes('B10'));

const keyOf = (session: string | null, service: string, provider: string) => json([session, service, provider]);

/**
 * C-R9: a provider answers MAPI_E_SESSION_LIMIT exactly while `n` other live sessions have it
 * logged on, and then the app is not called (its scripted outcome is not used up).
 */
function limitViolations(o: CallObservation, id: string): Violation[] {
  const { pre, post, events } = o;
  const v: Violation[] = [];
  const before = pre.sessions.find((s) => s.id === id);
  const after = post.sessions.find((s) => s.id === id)!;
  const profile = profileOf(pre, after.profile);
  const called = new Map<string, number>();
  for (const e of events) if (e.type === 'logon') called.set(keyOf(null, e.service, e.provider), (called.get(keyOf(null, e.service, e.provider)) ?? 0) + 1);
  after.services.forEach((svc, si) => {
    svc.providers.forEach((p, pi) => {
      const old = before?.services[si]?.providers[pi];
      const from = old ? old.hrs.length : 0;
      // B-R4: the app answers only attempts that passed flowchart B (B5, B10).
      const passed = p.hrs.slice(from).filter((_, i) => passedB(p.paths[from + i]));
      const limited = passed.filter((hr) => hr === SESSION_LIMIT).length;
      const calls = called.get(keyOf(null, svc.name, p.name)) ?? 0;
      if (calls !== passed.length - limited) {
        v.push({ rule: 'C-R9', message: `${id} ${svc.name}/${p.name}: the app was called ${calls} time(s) for ${passed.length} attempt(s) past flowchart B, ${limited} of them MAPI_E_SESSION_LIMIT` });
      }
      const limit = providerDef(profile, svc.name, p.name)?.sessionLimit;
      const others = countHolding(pre, after.profile, svc.name, p.name, id);
      if (limited > 0 && (limit === undefined || limit === null || others < limit)) {
        v.push({ rule: 'C-R9', message: `${id} ${svc.name}/${p.name}: MAPI_E_SESSION_LIMIT while ${others} other session(s) hold it (limit ${limit ?? 'none'})` });
      }
      if (calls > 0 && limit !== undefined && limit !== null && others >= limit) {
        v.push({ rule: 'C-R9', message: `${id} ${svc.name}/${p.name}: called while ${others} other session(s) hold it (limit ${limit})` });
      }
    });
  });
  return v;
}

const NO_DIALOG_FLAG: Readonly<Record<ProviderKind, number>> = { addressBook: AB_NO_DIALOG, store: MDB_NO_DIALOG, transport: LOGON_NO_DIALOG };

/** Flowchart A (section 2): the 18 edges of the drawing. */
const A_EDGES = new Set(['A1>A4', 'A1>A2', 'A2>A3', 'A2>A4', 'A4>A5', 'A4>A6', 'A6>A7', 'A6>A8', 'A8>A9', 'A8>A10', 'A5>A11', 'A7>A11', 'A9>A11', 'A11>A12', 'A11>A13', 'A13>A14', 'A14>A12', 'A13>A15']);

/**
 * Flowchart A as the logon's `path` (SPEC 8) shows it: a walk from A1 along the drawing's edges
 * whose decisions follow the call (A1 MAPI_NEW_SESSION, A2 a shared session, A4 a NULL or empty
 * name, A6 MAPI_USE_DEFAULT, A8 MAPI_LOGON_UI, A11 a profile that exists with valid credentials
 * (A-R2), A13 MAPI_PASSWORD_UI), and whose last node answers the call's HRESULT (A3, A12 S_OK;
 * A10, A15 MAPI_E_LOGON_FAILED; A9 cancelled MAPI_E_USER_CANCEL, A-R3; A14 per A-R4). The dialogs it
 * lists are the logon dialogs, service and provider dialogs of MAPILogonEx, in the order shown.
 */
function flowchartAViolations(o: CallObservation, call: Extract<ObservedCall, { op: 'logon' }>): Violation[] {
  const { pre, events } = o;
  const v: Violation[] = [];
  const path = call.reply.path;
  const where = `logon by ${call.client} (path ${path.join(' ')})`;
  const flag = (f: number) => (call.flags & f) !== 0;
  const picked = events.find((e) => e.type === 'dialog' && e.kind === 'profilePicker') as { answer: string } | undefined;
  const password = events.find((e) => e.type === 'dialog' && e.kind === 'password') as { answer: string } | undefined;
  let chosen: string | null = null;
  const decided: Record<string, string> = {
    A1: flag(MAPI_NEW_SESSION) ? 'A4' : 'A2',
    A2: pre.shared !== null ? 'A3' : 'A4',
    A4: call.profileName === null || call.profileName === '' ? 'A6' : 'A5',
    A6: flag(MAPI_USE_DEFAULT) ? 'A7' : 'A8',
    A8: flag(MAPI_LOGON_UI) ? 'A9' : 'A10',
    A13: flag(MAPI_PASSWORD_UI) ? 'A14' : 'A15',
  };
  if (path[0] !== 'A1') v.push({ rule: 'SPEC-8', message: `${where}: does not start at A1` });
  for (let i = 0; i < path.length; i++) {
    const node = path[i]!;
    if (node === 'A5') chosen = call.profileName;
    if (node === 'A7') chosen = pre.profiles.find((p) => p.default)?.name ?? null;
    if (node === 'A9') chosen = picked && picked.answer !== 'cancel' ? picked.answer : null;
    const next = path[i + 1];
    if (next === undefined) break;
    if (!A_EDGES.has(`${node}>${next}`)) {
      v.push({ rule: 'SPEC-8', message: `${where}: ${node} → ${next} is no edge of flowchart A` });
      return v;
    }
    let want = decided[node];
    if (node === 'A11') {
      const profile = chosen === null ? undefined : profileOf(pre, chosen);
      want = profile && profile.credentials === 'valid' ? 'A12' : 'A13';
    }
    if (want !== undefined && next !== want) v.push({ rule: node === 'A11' ? 'A-R2' : 'SPEC-8', message: `${where}: ${node} went on to ${next}, not ${want}` });
  }
  const last = path.at(-1);
  const hr = call.reply.hr;
  const expected: Record<string, string[]> = {
    A3: ['S_OK'],
    A12: ['S_OK'],
    A10: ['MAPI_E_LOGON_FAILED'],
    A15: ['MAPI_E_LOGON_FAILED'],
    A9: ['MAPI_E_USER_CANCEL'],
    // A-R4: cancel, or an invalid password (or one for a profile that does not exist, A-R2).
    A14: [password?.answer === 'cancel' ? 'MAPI_E_USER_CANCEL' : 'MAPI_E_LOGON_FAILED'],
  };
  const want = last === undefined ? undefined : expected[last];
  if (!want) v.push({ rule: 'SPEC-8', message: `${where}: ends at ${last ?? 'nothing'}, not at an end of flowchart A` });
  else if (!want.includes(hr)) v.push({ rule: 'SPEC-8', message: `${where}: ends at ${last} but answered ${hr}, not ${want.join(' or ')}` });
  if ((last === 'A3') !== (hr === 'S_OK' && call.reply.shared && pre.shared === call.reply.session)) {
    v.push({ rule: 'A-R1', message: `${where}: ${last === 'A3' ? 'returned' : 'did not return'} the shared session (${call.reply.session}, shared ${pre.shared})` });
  }
  // A-R2, SPEC 8: the logon names the profile it chose, as the profile was created (any case
  // matches), or the shared session's at A3; a new session is on that profile.
  if (path.includes('A3')) chosen = pre.sessions.find((s) => s.id === pre.shared)?.profile ?? null;
  const named = chosen === null ? null : profileOf(pre, chosen)?.name;
  if (named !== undefined && call.reply.profile !== named) v.push({ rule: 'A-R2', message: `${where}: reports profile ${call.reply.profile}, chose ${named}` });
  const made = o.post.sessions.find((s) => s.id === call.reply.session);
  if (made && named !== undefined && made.profile !== named) v.push({ rule: 'A-R2', message: `${where}: session ${made.id} is on profile ${made.profile}, the logon chose ${named}` });
  const shown = events.filter((e) => e.type === 'dialog' && e.session === null).map((e) => (e as { kind: string }).kind);
  if (!plainEqual(call.reply.dialogs, shown)) v.push({ rule: 'SPEC-8', message: `${where}: lists dialogs [${call.reply.dialogs}], but MAPILogonEx showed [${shown}]` });
  return v;
}

/** B-R3: where a providerConfig dialog (B8) leads, by its answer. */
const AFTER_B8: Readonly<Record<string, readonly string[]>> = {
  complete: ['B9', 'B10'],
  incomplete: ['B9', 'B11', 'B12'],
  cancel: ['B9', 'B11', 'B13', 'B14'],
  'accidental-cancel': ['B9', 'B11', 'B13', 'B8'],
};

/**
 * Flowchart B in the attempts this call made: B4 answers yes for a provider that was configured
 * before the call (configuration is only ever completed, B-R3, C-R1), and each B8 showed one
 * providerConfig dialog for its provider, whose answer decides the way on (B-R3).
 */
function flowchartBViolations(o: CallObservation, id: string): Violation[] {
  const { pre, post, events } = o;
  const v: Violation[] = [];
  const before = pre.sessions.find((s) => s.id === id);
  const after = post.sessions.find((s) => s.id === id)!;
  const profile = profileOf(pre, after.profile);
  after.services.forEach((svc, si) => {
    svc.providers.forEach((p, pi) => {
      const old = before?.services[si]?.providers[pi];
      const fresh = p.paths.slice(old ? old.paths.length : 0);
      const at = `${id} ${svc.name}/${p.name}`;
      const configured = old ? old.configured : providerDef(profile, svc.name, p.name)?.configured === true;
      if (configured) {
        for (const path of fresh) {
          if (!Array.isArray(path)) continue;
          const i = path.indexOf('B4');
          if (i >= 0 && path[i + 1] !== 'B5') v.push({ rule: 'B-R3', message: `${at}: B4 answered no for a provider configured before this call (path ${path.join(' ')})` });
        }
      }
      const answers = events.filter((e) => e.type === 'dialog' && e.kind === 'providerConfig' && e.service === svc.name && e.provider === p.name).map((e) => (e as { answer: string }).answer);
      let k = 0;
      for (const path of fresh) {
        if (!Array.isArray(path)) continue; // providerPathViolations reports it
        path.forEach((node, i) => {
          if (node !== 'B8') return;
          const answer = answers[k++];
          if (answer === undefined) {
            v.push({ rule: 'B-R3', message: `${at}: B8 (path ${path.join(' ')}) with no providerConfig dialog for it` });
            return;
          }
          const want = AFTER_B8[answer] ?? [];
          if (!plainEqual(path.slice(i + 1, i + 1 + want.length), want)) {
            v.push({ rule: 'B-R3', message: `${at}: providerConfig answered ${answer}, but the path went on B8 ${path.slice(i + 1, i + 1 + want.length).join(' ')}, not B8 ${want.join(' ')}` });
          }
        });
      }
      if (k < answers.length) v.push({ rule: 'B-R3', message: `${at}: ${answers.length} providerConfig dialog(s) but ${k} B8 in its paths` });
    });
  });
  return v;
}

/**
 * Flowchart C's dialogs in the runs this call made (C-R4, C-R5, C-R1): with UI each C6 showed one
 * retry dialog, and went on to C3 on "retry", else to C7; without UI there is none and the retry
 * happens silently (C6 → C3). Each C2 showed a serviceConfig dialog, and so did each C4 with UI.
 */
function serviceDialogViolations(o: CallObservation, id: string, ui: boolean): Violation[] {
  const { pre, post, events } = o;
  const v: Violation[] = [];
  const before = pre.sessions.find((s) => s.id === id);
  const after = post.sessions.find((s) => s.id === id)!;
  after.services.forEach((svc, si) => {
    const old = before?.services[si];
    const fresh = svc.path.slice(old ? old.path.length : 0);
    const dialogs = events.filter((e): e is Extract<CallbackEvent, { type: 'dialog' }> => e.type === 'dialog' && e.service === svc.name);
    const retries = dialogs.filter((e) => e.kind === 'retry').map((e) => e.answer);
    const c6 = fresh.filter((n) => n === 'C6').length;
    if (retries.length !== (ui ? c6 : 0)) v.push({ rule: 'C-R4', message: `${id} service ${svc.name}: ${retries.length} retry dialog(s) for ${c6} C6 on a logon with MAPI_LOGON_UI ${ui}` });
    let k = 0;
    fresh.forEach((node, i) => {
      if (node !== 'C6' || i + 1 >= fresh.length) return;
      const answer = ui ? retries[k++] : 'retry';
      const want = answer === 'retry' ? 'C3' : 'C7';
      if (fresh[i + 1] !== want) v.push({ rule: 'C-R5', message: `${id} service ${svc.name}: the retry ${ui ? `answered ${answer}` : 'without UI'} went on to ${fresh[i + 1]}, not ${want}` });
    });
    const configs = dialogs.filter((e) => e.kind === 'serviceConfig').length;
    const wanted = fresh.filter((n) => n === 'C2' || (ui && n === 'C4')).length;
    if (configs !== wanted) v.push({ rule: 'C-R4', message: `${id} service ${svc.name}: ${configs} serviceConfig dialog(s) for ${wanted} C2${ui ? ' and C4' : ''}` });
  });
  return v;
}

/** C-R6: no provider of a service is called once the service is disabled in that session. */
function disabledCalls(o: CallObservation, id: string): Violation[] {
  const { pre, events } = o;
  const v: Violation[] = [];
  const before = pre.sessions.find((s) => s.id === id);
  const failures = new Map<string, number>();
  const closed = new Set<string>();
  for (const s of before?.services ?? []) {
    failures.set(s.name, s.failures);
    if (s.state === 'disabled') closed.add(s.name);
  }
  for (const e of events) {
    if (e.type === 'dialog' && e.kind === 'retry' && e.answer !== 'retry' && e.service) closed.add(e.service);
    if (e.type !== 'logon') continue;
    if (closed.has(e.service)) {
      v.push({ rule: 'C-R6', message: `${e.provider} of ${e.service} called after the service was disabled` });
      continue;
    }
    if (isFailure(e.answer) && e.answer !== FAILONE) {
      const n = (failures.get(e.service) ?? 0) + 1;
      failures.set(e.service, n);
      if (n >= 2) closed.add(e.service);
    }
  }
  return v;
}

/**
 * C-R6, D-R4, S-R1: every provider that logs on logs off exactly once, when its service is
 * disabled or its session ends; `ended` lists the sessions this call ended.
 */
function balance(o: CallObservation, ended: readonly string[]): Violation[] {
  const { pre, post, events, call } = o;
  const v: Violation[] = [];
  const made = call.op === 'logon' ? call.reply.session : null;
  const sessionOf = (s: string | null) => s ?? made;
  const delta = new Map<string, number>();
  const add = (k: string, d: number) => delta.set(k, (delta.get(k) ?? 0) + d);
  for (const e of events) {
    if (e.type === 'logon' && !isFailure(e.answer)) add(keyOf(sessionOf(e.session), e.service, e.provider), 1);
    if (e.type === 'logoff') add(keyOf(sessionOf(e.session), e.service, e.provider), -1);
  }
  const on = (state: MapiSubsystemState, id: string | null, service: string, provider: string) =>
    state.sessions.some((s) => s.id === id && s.services.some((x) => x.name === service && x.providers.some((p) => p.name === provider && p.state === 'loggedOn')))
      ? 1
      : 0;
  const keys = new Set(delta.keys());
  for (const s of [...pre.sessions, ...post.sessions]) {
    for (const svc of s.services) for (const p of svc.providers) keys.add(keyOf(s.id, svc.name, p.name));
  }
  for (const k of keys) {
    const [id, service, provider] = JSON.parse(k) as [string | null, string, string];
    const expected = (ended.includes(id!) ? 0 : on(post, id, service, provider)) - on(pre, id, service, provider);
    const seen = delta.get(k) ?? 0;
    if (seen !== expected) {
      v.push({ rule: expected < seen ? 'C-R6' : 'D-R4', message: `${id ?? 'a failed logon'} ${service}/${provider}: the app saw ${seen > 0 ? '+' : ''}${seen} logon(s) less logoffs, the state says ${expected}` });
    }
  }
  return v;
}

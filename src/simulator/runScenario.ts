import { hresult, type HResultName } from '../constants/hresults.js';
import { parseScenario } from '../schema/parseScenario.js';
import type { Scenario, ScenarioCall } from '../schema/scenario.js';
import type { SessionIdentity } from '../../machines/session.js';
import type { SpoolerState } from '../../machines/types.js';
import {
  createMapiSubsystem,
  type EndedSession,
  type DialogShown,
  type MapiSession,
  type MapiSubsystem,
  type MapiSubsystemOptions,
  type ProviderLogonContext,
} from '../subsystem/createMapiSubsystem.js';
import type { StatusRow } from '../subsystem/statusTable.js';
import type { ProviderRecord, ServiceRecord } from '../../machines/types.js';
import { scriptedDialogs, scriptedProviders } from './scriptedEffects.js';

export interface CallResultBase {
  op: ScenarioCall['op'];
  client?: string;
  hr: HResultName;
  hrValue: number;
}

export type PublicProvider = Omit<ProviderRecord, 'configured'>;
export type PublicService = Omit<ServiceRecord, 'providers'> & { providers: PublicProvider[] };

export interface InitCallResult extends CallResultBase {
  op: 'initialize';
  initCount: number;
}

export interface UninitCallResult extends CallResultBase {
  op: 'uninitialize';
  initCount: number;
  endedSessions: EndedSession[];
}

export interface LogonCallResult extends CallResultBase {
  op: 'logon';
  client: string;
  session: string | null;
  shared: boolean;
  profile: string | null;
  path: string[];
  dialogs: string[];
  services: PublicService[];
  spooler: SpoolerState | null;
}

export interface LogoffCallResult extends CallResultBase {
  op: 'logoff';
  client: string;
  session: string | null;
  ended: boolean;
  loggedOff: string[];
  notified: string[];
}

export interface StatusTableCallResult extends CallResultBase {
  op: 'statusTable';
  client: string;
  session: string | null;
  rows: StatusRow[];
}

export interface QueryIdentityCallResult extends CallResultBase {
  op: 'queryIdentity';
  client: string;
  session: string | null;
  identity: SessionIdentity | null;
}

export type CallResult =
  | InitCallResult
  | UninitCallResult
  | LogonCallResult
  | LogoffCallResult
  | StatusTableCallResult
  | QueryIdentityCallResult;

export interface ScenarioOutput {
  results: CallResult[];
}

/** One call as the text trace shows it: the call, its result, and the dialogs with their answers. */
export interface TraceStep {
  call: ScenarioCall;
  result: CallResult;
  dialogs: DialogShown[];
}

export interface RunOptions {
  /** M-R2's short timeout, and an inspector, passed on to the subsystem. */
  shortTimeoutMs?: number;
  inspect?: MapiSubsystemOptions['inspect'];
  /** What runs the machines (xstate's interpreter unless `compiled` is asked for); both give the same run. */
  interpreter?: MapiSubsystemOptions['interpreter'];
  /**
   * Wraps the scripted providers (tests use it to record calls or to make a provider faulty);
   * `scripted` gives the answer the scenario's `outcomes` script for this call.
   */
  providerLogon?: (ctx: ProviderLogonContext, scripted: (ctx: ProviderLogonContext) => HResultName) => Promise<unknown> | unknown;
  /** Sees the subsystem before and after each call (tests compare its state). */
  onCall?: (phase: 'before' | 'after', call: ScenarioCall, subsystem: MapiSubsystem) => void;
  /** Runs the scenario against another implementation of the subsystem (the conformance harness). */
  create?: (options: MapiSubsystemOptions) => MapiSubsystem;
}

const publicServices = (services: ServiceRecord[]): PublicService[] =>
  services.map((s) => ({
    name: s.name,
    state: s.state,
    failures: s.failures,
    path: s.path,
    providers: s.providers.map((p) => ({
      name: p.name,
      kind: p.kind,
      state: p.state,
      phase: p.phase,
      hr: p.hr,
      hrs: p.hrs,
      attempts: p.attempts,
      paths: p.paths,
    })),
  }));

/** Runs a validated scenario call by call, with each call's dialogs (for the text trace). */
export async function traceScenario(scenario: Scenario, options: RunOptions = {}): Promise<TraceStep[]> {
  const script = scriptedDialogs();
  const scripted = scriptedProviders(scenario.profiles);
  const { providerLogon: wrap, onCall, create = createMapiSubsystem, ...subsystemOptions } = options;
  const subsystem = create({
    profiles: scenario.profiles,
    providerLogon: wrap ? (ctx) => wrap(ctx, scripted) as never : scripted,
    dialogs: script.dialogs,
    ...subsystemOptions,
  });
  // A client's handle is the session of its last successful logon (S-R4).
  const handles = new Map<string, MapiSession>();
  const steps: TraceStep[] = [];
  // S-R1's count as the calls report it (a call on no session checks it first).
  let initCount = 0;

  for (const call of scenario.calls) {
    onCall?.('before', call, subsystem);
    await runCall(call);
    onCall?.('after', call, subsystem);
  }
  return steps;

  async function runCall(call: ScenarioCall): Promise<void> {
    switch (call.op) {
      case 'initialize': {
        const reply = await subsystem.initialize();
        initCount = reply.initCount;
        steps.push({ call, result: { op: 'initialize', hr: reply.hr, hrValue: reply.hrValue, initCount: reply.initCount }, dialogs: [] });
        break;
      }
      case 'uninitialize': {
        const reply = await subsystem.uninitialize();
        initCount = reply.initCount;
        const result: UninitCallResult = { op: 'uninitialize', hr: reply.hr, hrValue: reply.hrValue, initCount: reply.initCount, endedSessions: reply.endedSessions };
        steps.push({ call, result, dialogs: [] });
        break;
      }
      case 'logon': {
        script.load(call.answers);
        const r = await subsystem.logonEx({
          client: call.client,
          profileName: call.profileName,
          password: call.password,
          flags: call.flags,
        });
        if (r.session) handles.set(call.client, r.session);
        // The spooler's start finishes before the next call; its dialogs are this call's (section 8).
        const start = r.spoolerStart ? await r.spoolerStart : null;
        const dialogLog = start ? [...r.dialogLog, ...start.dialogLog] : r.dialogLog;
        const result: LogonCallResult = {
          op: 'logon',
          client: call.client,
          hr: r.hr,
          hrValue: r.hrValue,
          session: r.session?.id ?? null,
          shared: r.shared,
          profile: r.profile,
          path: r.path,
          dialogs: dialogLog.map((d) => d.kind),
          services: publicServices(start ? start.services : r.services),
          spooler: r.spooler,
        };
        steps.push({ call, result, dialogs: dialogLog });
        break;
      }
      case 'logoff': {
        const handle = handles.get(call.client);
        const reply = handle ? await handle.logoff(call.flags) : noSession();
        const result: LogoffCallResult = {
          op: 'logoff',
          client: call.client,
          hr: reply.hr,
          hrValue: reply.hrValue,
          session: handle?.id ?? null,
          ended: reply.ended,
          loggedOff: reply.loggedOff,
          notified: reply.notified,
        };
        steps.push({ call, result, dialogs: [] });
        break;
      }
      case 'statusTable': {
        const handle = handles.get(call.client);
        const reply = handle ? await handle.statusTable() : { ...noSession(), rows: [] };
        const result: StatusTableCallResult = { op: 'statusTable', client: call.client, hr: reply.hr, hrValue: reply.hrValue, session: handle?.id ?? null, rows: reply.rows };
        steps.push({ call, result, dialogs: [] });
        break;
      }
      case 'queryIdentity': {
        const handle = handles.get(call.client);
        const reply = handle ? await handle.queryIdentity() : { ...noSession(), identity: null };
        const result: QueryIdentityCallResult = { op: 'queryIdentity', client: call.client, hr: reply.hr, hrValue: reply.hrValue, session: handle?.id ?? null, identity: reply.identity };
        steps.push({ call, result, dialogs: [] });
        break;
      }
    }
  }

  /** A client that never got a session: S-R1's check first, then MAPI_E_INVALID_OBJECT. */
  function noSession() {
    return { ...hresult(initCount > 0 ? 'MAPI_E_INVALID_OBJECT' : 'MAPI_E_NOT_INITIALIZED'), ended: false, loggedOff: [], notified: [] };
  }
}

/** SPEC section 8: runs a scenario (a value, validated here) and returns one result per call. */
export async function runScenario(scenario: unknown, options: RunOptions = {}): Promise<ScenarioOutput> {
  const steps = await traceScenario(parseScenario(scenario), options);
  return { results: steps.map((s) => s.result) };
}

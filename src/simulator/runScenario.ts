import { hresult, type HResultName } from '../constants/hresults.js';
import { parseScenario } from '../schema/parseScenario.js';
import type { Scenario, ScenarioCall } from '../schema/scenario.js';
import {
  createMapiSubsystem,
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

export interface LogonCallResult extends CallResultBase {
  op: 'logon';
  client: string;
  session: string | null;
  shared: boolean;
  profile: string | null;
  path: string[];
  dialogs: string[];
  services: Array<Omit<ServiceRecord, 'providers'> & { providers: Omit<ProviderRecord, 'configured'>[] }>;
}

export interface LogoffCallResult extends CallResultBase {
  op: 'logoff';
  client: string;
  session: string | null;
  ended: boolean;
}

export interface StatusTableCallResult extends CallResultBase {
  op: 'statusTable';
  client: string;
  session: string | null;
  rows: StatusRow[];
}

export type CallResult = CallResultBase | LogonCallResult | LogoffCallResult | StatusTableCallResult;

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
  /** What runs the machines (`compiled` unless an inspector is given); both give the same run. */
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

const publicServices = (services: ServiceRecord[]): LogonCallResult['services'] =>
  services.map((s) => ({
    name: s.name,
    state: s.state,
    failures: s.failures,
    path: s.path,
    providers: s.providers.map(({ configured: _configured, ...p }) => p),
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

  for (const call of scenario.calls) {
    onCall?.('before', call, subsystem);
    await runCall(call);
    onCall?.('after', call, subsystem);
  }
  return steps;

  async function runCall(call: ScenarioCall): Promise<void> {
    switch (call.op) {
      case 'initialize':
      case 'uninitialize': {
        const reply = await subsystem[call.op]();
        steps.push({ call, result: { op: call.op, ...reply }, dialogs: [] });
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
        const result: LogonCallResult = {
          op: 'logon',
          client: call.client,
          hr: r.hr,
          hrValue: r.hrValue,
          session: r.session?.id ?? null,
          shared: r.shared,
          profile: r.profile,
          path: r.path,
          dialogs: r.dialogs,
          services: publicServices(r.services),
        };
        steps.push({ call, result, dialogs: r.dialogLog });
        break;
      }
      case 'logoff': {
        const handle = handles.get(call.client);
        const reply = handle ? await handle.logoff(call.flags) : { ...hresult('MAPI_E_INVALID_OBJECT'), ended: false };
        const result: LogoffCallResult = { op: 'logoff', client: call.client, ...reply, session: handle?.id ?? null };
        steps.push({ call, result, dialogs: [] });
        break;
      }
      case 'statusTable': {
        const handle = handles.get(call.client);
        const reply = handle ? await handle.statusTable() : { ...hresult('MAPI_E_INVALID_OBJECT'), rows: [] };
        const result: StatusTableCallResult = { op: 'statusTable', client: call.client, ...reply, session: handle?.id ?? null };
        steps.push({ call, result, dialogs: [] });
        break;
      }
    }
  }
}

/** SPEC section 8: runs a scenario (a value, validated here) and returns one result per call. */
export async function runScenario(scenario: unknown, options: RunOptions = {}): Promise<ScenarioOutput> {
  const steps = await traceScenario(parseScenario(scenario), options);
  return { results: steps.map((s) => s.result) };
}
